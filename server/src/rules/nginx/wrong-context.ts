// A directive in a block where nginx does not accept it: nginx -t fails with "is not allowed here".
import { contextOf, directiveEntries, isAllowedHere } from '../../languages/nginx/directives';
import type { NginxRule } from '../../languages/nginx/rule';

export const wrongContext: NginxRule = {
  id: 'nginx/wrong-context',
  language: 'nginx',
  meta: {
    title: 'nginx directive not allowed here',
    summary: 'a directive in a block where nginx does not allow it (http, stream and mail told apart)',
    severity: 'error',
    guideSection: 'Network Security › Use a Reverse Proxy',
    description:
      'The directive is not allowed in this block (per the official NGINX reference contexts); nginx -t fails with "directive is not allowed here".',
    remedy: 'Move the directive into one of the blocks the message lists.',
  },
  create(context) {
    return {
      directive(directive) {
        if (directive.isEntry || isAllowedHere(directive) !== false) return;
        const where = contextOf(directive).context;
        const allowed = [...new Set(directiveEntries(directive.name).flatMap((e) => e.contexts))].filter(
          (c) => c !== '',
        );
        context.report({
          start: directive.nameStart,
          end: directive.nameEnd,
          message: `'${directive.name}' is not allowed in ${where === 'main' ? 'the main context' : `'${where}'`}; it belongs in ${allowed.join(', ')}.`,
        });
      },
    };
  },
};
