// A directive no official nginx module defines: usually a typo, which nginx -t rejects.
import { editDistance } from '../../core/config';
import {
  contextOf,
  directiveEntries,
  isKnownThirdParty,
  namesAllowedIn,
  type Family,
} from '../../languages/nginx/directives';
import type { NginxRule } from '../../languages/nginx/rule';

export const unknownDirective: NginxRule = {
  id: 'nginx/unknown-directive',
  language: 'nginx',
  meta: {
    title: 'Unknown nginx directive',
    summary: 'a directive no official module defines (official NGINX reference); fix: the nearest valid name',
    severity: 'warning',
    guideSection: 'Network Security › Use a Reverse Proxy',
    description:
      'No official nginx module defines this directive (per the official NGINX reference). It is usually a typo, which makes nginx -t fail; a security directive with a typo does nothing at all once the file loads elsewhere.',
    remedy:
      'Fix the name (the quick fix suggests the nearest directive allowed here), or load the module that defines it.',
    hasSuggestions: true,
  },
  create(context) {
    // The same typo may repeat many times: suggest once per name and block kind.
    const suggestions = new Map<string, string | undefined>();
    const suggest = (name: string, block: string, family: Family): string | undefined => {
      const key = `${family}:${block}:${name}`;
      if (suggestions.has(key)) return suggestions.get(key);
      const limit = Math.max(2, Math.floor(name.length / 4));
      let best: string | undefined;
      let bestDistance = limit + 1;
      for (const candidate of namesAllowedIn(block, family)) {
        // A length difference alone above the limit rules a candidate out cheaply.
        if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
        const distance = editDistance(name, candidate);
        if (distance < bestDistance) {
          best = candidate;
          bestDistance = distance;
        }
      }
      suggestions.set(key, best);
      return best;
    };
    return {
      directive(directive) {
        if (
          directive.isEntry ||
          directive.name === '' ||
          directiveEntries(directive.name).length > 0 ||
          isKnownThirdParty(directive.name)
        )
          return;
        if (directive.parent && directiveEntries(directive.parent.name).length === 0) return; // inside an unknown block
        const { context: block, family } = contextOf(directive);
        const best = suggest(directive.name, block, family);
        context.report({
          start: directive.nameStart,
          end: directive.nameEnd,
          message: `Unknown directive '${directive.name}'.${best ? ` Did you mean '${best}'?` : ''}`,
          fixes: best
            ? [
                {
                  title: `Change to '${best}'`,
                  kind: 'suggestion',
                  edits: [{ start: directive.nameStart, end: directive.nameEnd, newText: best }],
                },
              ]
            : [],
        });
      },
    };
  },
};
