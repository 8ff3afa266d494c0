// `proxy_set_header Host $http_host` forwards whatever Host the client sent, unvalidated; so does
// a Host built from any other request data ($arg_*, $http_*, $cookie_*, captures), directly or
// through `set` and `map`.
import type { NginxRule } from '../../languages/nginx/rule';
import { NginxVariables, type VariablePiece } from '../../languages/nginx/variables';

const rawHost = /\$(?:http_host|\{http_host\})(?![A-Za-z0-9_])/gi;

export const hostSpoofing: NginxRule = {
  id: 'nginx/host-spoofing',
  language: 'nginx',
  meta: {
    title: 'Client-controlled Host forwarded',
    summary: '`proxy_set_header Host` from `$http_host` or other request data',
    severity: 'warning',
    guideSection: 'Network Security › Use a Reverse Proxy (beyond the guide)',
    checklistItem: 'access-controls',
    description:
      'proxy_set_header Host $http_host forwards the raw Host header the client sent; a Host taken from a query argument, another header or a cookie is just as much the client\u2019s choice. Unlike $host it is not matched against server_name, so a client can make the app build password-reset links, redirects or cache keys for an attacker\u2019s host.',
    remedy: 'proxy_set_header Host $host;',
    fixable: true,
  },
  create(context) {
    let variables: NginxVariables | undefined;
    return {
      directives: {
        proxy_set_header(directive) {
          if (directive.isEntry || (directive.args[0]?.value ?? '').toLowerCase() !== 'host') return;
          const value = directive.args[1];
          if (!value || !value.value.includes('$')) return;
          variables ??= new NginxVariables(context.config, (offset) => context.lines.positionAt(offset).line);
          const culprits: VariablePiece[] = [];
          for (const alternative of variables.values(value.value, directive))
            for (const piece of alternative)
              if (piece.kind === 'variable' && piece.traits.user && !piece.traits.startsPath) culprits.push(piece);
          const culprit = culprits[0];
          if (!culprit) return;
          // Only a value whose sole request data is $http_host written here has a knowable fix.
          const onlyRawHost = culprits.every((p) => p.via.length === 0 && p.name === '$http_host');
          context.report({
            start: value.start,
            end: value.end,
            message: onlyRawHost
              ? 'Host is forwarded from the client\u2019s raw $http_host. Use $host, which nginx validates against server_name.'
              : `Host is forwarded from ${variables.describe(culprit)}, which the client chooses. Use $host, which nginx validates against server_name, or a fixed name.`,
            ...(onlyRawHost
              ? {
                  fixes: [
                    {
                      title: 'Use $host',
                      kind: 'fix' as const,
                      edits: [{ start: value.start, end: value.end, newText: value.raw.replace(rawHost, '$$host') }],
                    },
                  ],
                }
              : {}),
          });
        },
      },
    };
  },
};
