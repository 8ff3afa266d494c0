// SSLv2/SSLv3/TLS 1.0/1.1 are broken or deprecated (RFC 8996): they allow downgrade and
// decryption attacks.
import type { NginxRule } from '../../languages/nginx/rule';

const weak = new Set(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']);

export const weakTlsProtocols: NginxRule = {
  id: 'nginx/weak-tls-protocols',
  language: 'nginx',
  meta: {
    title: 'Deprecated TLS protocol versions',
    summary: '`ssl_protocols` with SSLv2/SSLv3/TLSv1/TLSv1.1',
    severity: 'error',
    guideSection: 'Network Security › Use HTTPS',
    checklistItem: 'https',
    description:
      'ssl_protocols enables SSLv2, SSLv3, TLSv1 or TLSv1.1. They are broken or deprecated (RFC 8996) and allow downgrade and decryption attacks; every current client supports TLS 1.2.',
    remedy: 'ssl_protocols TLSv1.2 TLSv1.3;',
    fixable: true,
  },
  create(context) {
    return {
      directives: {
        ssl_protocols(directive) {
          if (directive.isEntry || directive.args.length === 0) return;
          const bad = directive.args.filter((a) => weak.has(a.value));
          if (bad.length === 0) return;
          const first = directive.args[0];
          const last = directive.args[directive.args.length - 1];
          context.report({
            start: directive.nameStart,
            end: directive.end,
            message: `ssl_protocols enables ${bad.map((a) => a.value).join(', ')}. Allow only TLSv1.2 and TLSv1.3.`,
            fixes: [
              {
                title: 'Allow only TLSv1.2 and TLSv1.3',
                kind: 'fix',
                edits: [{ start: first.start, end: last.end, newText: 'TLSv1.2 TLSv1.3' }],
              },
            ],
          });
        },
      },
    };
  },
};
