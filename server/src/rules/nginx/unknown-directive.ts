// A directive no official nginx module defines: usually a typo, which nginx -t rejects.
import { editDistance } from '../../engine/config';
import { contextOf, directiveEntries, isKnownThirdParty, namesAllowedIn } from '../../languages/nginx/directives';
import { allDirectives } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

export const unknownDirective: NginxRule = {
  id: 'nginx/unknown-directive',
  language: 'nginx',
  meta: {
    title: 'Unknown nginx directive',
    severity: 'warning',
    guideSection: 'Network Security › Use a Reverse Proxy',
    docs: 'docs/rules/nginx/unknown-directive.md',
    description:
      'No official nginx module defines this directive (per the official NGINX reference). It is usually a typo, which makes nginx -t fail; a security directive with a typo does nothing at all once the file loads elsewhere.',
    remedy: 'Fix the name (the quick fix suggests the nearest directive allowed here), or load the module that defines it.',
    fixable: 'suggestion',
  },
  check(context) {
    for (const directive of allDirectives(context.config.directives)) {
      if (directive.isEntry || directive.name === '' || directiveEntries(directive.name).length > 0 || isKnownThirdParty(directive.name)) continue;
      if (directive.parent && directiveEntries(directive.parent.name).length === 0) continue; // inside an unknown block
      const { context: block, family } = contextOf(directive);
      let best: string | undefined;
      let bestDistance = Infinity;
      for (const candidate of namesAllowedIn(block, family)) {
        const distance = editDistance(directive.name, candidate);
        if (distance < bestDistance) {
          best = candidate;
          bestDistance = distance;
        }
      }
      const close = best !== undefined && bestDistance <= Math.max(2, Math.floor(directive.name.length / 4));
      context.report({
        start: directive.nameStart,
        end: directive.nameEnd,
        message: `Unknown directive '${directive.name}'.${close ? ` Did you mean '${best}'?` : ''}`,
        fixes: close ? [{ title: `Change to '${best}'`, kind: 'suggestion', edits: [{ start: directive.nameStart, end: directive.nameEnd, newText: best! }] }] : [],
      });
    }
  },
};
