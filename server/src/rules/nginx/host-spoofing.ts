// `proxy_set_header Host $http_host` forwards whatever Host the client sent, unvalidated.
import type { NginxRule } from '../../languages/nginx/rule';

export const hostSpoofing: NginxRule = {
  id: 'nginx/host-spoofing',
  language: 'nginx',
  meta: {
    title: 'Client-controlled Host forwarded',
    summary: '`proxy_set_header Host $http_host`',
    severity: 'warning',
    guideSection: 'Network Security › Use a Reverse Proxy (beyond the guide)',
    checklistItem: 'access-controls',
    description:
      'proxy_set_header Host $http_host forwards the raw Host header the client sent. Unlike $host it is not matched against server_name, so a client can make the app build password-reset links, redirects or cache keys for an attacker\u2019s host.',
    remedy: 'proxy_set_header Host $host;',
    fixable: true,
  },
  create(context) {
    return {
      directives: {
        proxy_set_header(directive) {
          if (directive.isEntry || (directive.args[0]?.value ?? '').toLowerCase() !== 'host') return;
          const value = directive.args[1];
          if (!value || !/\$(?:http_host|\{http_host\})/.test(value.value)) return;
          context.report({
            start: value.start,
            end: value.end,
            message:
              'Host is forwarded from the client\u2019s raw $http_host. Use $host, which nginx validates against server_name.',
            fixes: [
              {
                title: 'Use $host',
                kind: 'fix',
                edits: [
                  { start: value.start, end: value.end, newText: value.raw.replace(/\$\{?http_host\}?/g, '$host') },
                ],
              },
            ],
          });
        },
      },
    };
  },
};
