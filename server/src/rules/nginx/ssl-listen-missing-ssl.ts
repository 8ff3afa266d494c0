// `listen 443` without `ssl`: nginx speaks plain HTTP on the HTTPS port, and certificates are
// configured but never used.
import { childNamed, isHttpServer, isMeantForTls, listensOf } from '../../languages/nginx/model';
import type { NginxRule } from '../../languages/nginx/rule';

export const sslListenMissingSsl: NginxRule = {
  id: 'nginx/ssl-listen-missing-ssl',
  language: 'nginx',
  meta: {
    title: 'HTTPS port without ssl',
    summary: '`listen 443` (or a certificate) without `ssl`',
    severity: 'error',
    guideSection: 'Network Security › Use HTTPS',
    checklistItem: 'https',
    description:
      'A server listens on port 443, or has ssl_certificate set, but its listen lacks the ssl parameter. nginx then serves plain HTTP on that port: the certificate is ignored and clients that expect TLS either fail or, worse, talk in clear text.',
    remedy: 'Add the ssl parameter to the listen directive.',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        server(server) {
          if (!isHttpServer(server)) return;
          const listens = listensOf(server, config);
          if (listens.some((l) => l.ssl) || childNamed(server, config, 'ssl').some((d) => d.args[0]?.value === 'on'))
            return;
          for (const listen of listens) {
            if (!isMeantForTls(listen, server, config)) continue;
            const address = listen.directive.args[0];
            if (!address) continue;
            context.report({
              start: listen.directive.nameStart,
              end: listen.directive.end,
              message: `listen ${address.value} has no ssl parameter, so nginx serves plain HTTP there. Add ssl.`,
              fixes: [
                {
                  title: 'Add the ssl parameter',
                  kind: 'fix',
                  edits: [{ start: address.end, end: address.end, newText: ' ssl' }],
                },
              ],
            });
          }
        },
      },
    };
  },
};
