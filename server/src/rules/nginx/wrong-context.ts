// A directive in a block where nginx does not accept it: nginx -t fails with "is not allowed here".
import { contextOf, directiveEntries, entryFamily, isAllowedHere } from '../../languages/nginx/directives';
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
        const { context: where, family } = contextOf(directive);
        // `server` means three blocks: name the family wherever it is not the block itself.
        const here =
          where === 'main'
            ? 'the main context'
            : family === 'main' || where === family
              ? `'${where}'`
              : `the ${family} '${where}' block`;
        const byFamily = new Map<string, Set<string>>();
        for (const entry of directiveEntries(directive.name)) {
          const key = entryFamily(entry) ?? '';
          const contexts = byFamily.get(key) ?? new Set<string>();
          for (const c of entry.contexts) if (c !== '') contexts.add(c);
          byFamily.set(key, contexts);
        }
        const accepted = [...byFamily]
          .filter(([, contexts]) => contexts.size > 0)
          .map(([key, contexts]) => {
            const named = (c: string): string =>
              c === 'main' ? 'the main context' : c === key || key === '' ? c : `${key} ${c}`;
            // The family's own block first (`http`), then its inner blocks (`http server`).
            return [...contexts]
              .sort((a, b) => Number(b === key) - Number(a === key))
              .map(named)
              .join(', ');
          });
        context.report({
          start: directive.nameStart,
          end: directive.nameEnd,
          message: `'${directive.name}' is not allowed in ${here}; nginx accepts it only in ${accepted.join('; ')}.`,
        });
      },
    };
  },
};
