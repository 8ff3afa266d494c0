// server_tokens on (the default) puts the exact nginx version in every response and error page.
import { childNamed, insertIntoBlock, isUnknown } from '../../languages/nginx/model';
import type { NginxRule } from '../../languages/nginx/rule';

export const serverTokens: NginxRule = {
  id: 'nginx/server-tokens',
  language: 'nginx',
  meta: {
    title: 'nginx version disclosed',
    summary: '`server_tokens` not `off`',
    severity: 'info',
    guideSection: 'Network Security › Use a Reverse Proxy (security headers)',
    checklistItem: 'security-headers',
    description:
      'server_tokens is on (nginx\u2019s default) or set to build, so every response and error page names the exact nginx version, which tells an attacker which known vulnerabilities to try.',
    remedy: 'server_tokens off; in the http block.',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        server_tokens(directive) {
          if (!directive.isEntry && directive.args[0] && directive.args[0].value !== 'off') {
            const arg = directive.args[0];
            context.report({
              start: directive.nameStart,
              end: directive.end,
              message: `server_tokens ${arg.value} shows the nginx version to every client. Set it to off.`,
              fixes: [
                {
                  title: 'Set server_tokens off',
                  kind: 'fix',
                  edits: [{ start: arg.start, end: arg.end, newText: 'off' }],
                },
              ],
            });
          }
        },
      },
      // Not set at all: the default is on. Report once per http block, unless an include that
      // could not be read may set it (in http, or in every server that does not).
      end() {
        for (const http of config.directives.filter((d) => d.name === 'http' && d.block)) {
          if (childNamed(http, config, 'server_tokens').length > 0 || isUnknown(http)) continue;
          const servers = childNamed(http, config, 'server');
          if (
            servers.length > 0 &&
            servers.every((s) => childNamed(s, config, 'server_tokens').length > 0 || isUnknown(s))
          )
            continue;
          const edit = insertIntoBlock(config, http, ['server_tokens off;']);
          context.report({
            start: http.nameStart,
            end: http.nameEnd,
            message: 'server_tokens is not set, so nginx shows its version to every client. Add server_tokens off.',
            fixes: edit ? [{ title: 'Add server_tokens off', kind: 'fix', edits: [edit] }] : [],
          });
        }
      },
    };
  },
};
