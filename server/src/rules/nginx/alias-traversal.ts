// `location /files { alias /srv/files/; }` serves /files../secret as /srv/files/../secret.
import type { NginxRule } from '../../languages/nginx/rule';

export const aliasTraversal: NginxRule = {
  id: 'nginx/alias-traversal',
  language: 'nginx',
  meta: {
    title: 'alias path traversal',
    summary: '`location /x` without slash whose `alias` ends with `/` (`/x../` escapes)',
    severity: 'error',
    guideSection: 'Input Validation › Validate file paths (access controls)',
    checklistItem: 'access-controls',
    description:
      'A prefix location without a trailing slash uses an alias that ends with one. A request for /files../app/.env then maps to /srv/files/../app/.env: anything next to the aliased folder can be read.',
    remedy: 'Give the location the same trailing slash as the alias: location /files/ { alias /srv/files/; }.',
    fixable: true,
  },
  create(context) {
    return {
      directives: {
        alias(alias) {
          if (alias.isEntry || alias.parent?.name !== 'location') return;
          const path = alias.args[0]?.value ?? '';
          if (!path.endsWith('/')) return;
          const location = alias.parent;
          const args = location.args;
          // Prefix locations only: `location /x` or `location ^~ /x`.
          const uri = args.length === 1 ? args[0] : args.length === 2 && args[0].value === '^~' ? args[1] : undefined;
          if (!uri || uri.value.endsWith('/')) return;
          context.report({
            start: uri.start,
            end: uri.end,
            message: `location ${uri.value} has no trailing slash but its alias ${path} has one: ${uri.value}../ reaches the folder above. Add the slash to the location.`,
            fixes: [
              {
                title: `Use location ${uri.value}/`,
                kind: 'fix',
                edits: [{ start: uri.end, end: uri.end, newText: '/' }],
              },
            ],
          });
        },
      },
    };
  },
};
