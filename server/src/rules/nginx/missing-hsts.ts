// A TLS server without Strict-Transport-Security: the first plain-HTTP request of every visit
// can be intercepted and downgraded (SSL stripping).
import {
  effectiveKnown,
  headerNames,
  insertIntoBlock,
  isHttpServer,
  isPublic,
  isTlsServer,
  servesContent,
} from '../../languages/nginx/model';
import type { NginxRule } from '../../languages/nginx/rule';

export const HSTS_LINE = 'add_header Strict-Transport-Security "max-age=63072000" always;';

export const missingHsts: NginxRule = {
  id: 'nginx/missing-hsts',
  language: 'nginx',
  meta: {
    title: 'HTTPS server without HSTS',
    summary: 'a TLS server without `Strict-Transport-Security`',
    severity: 'warning',
    guideSection: 'Network Security › Use HTTPS (security headers)',
    checklistItem: 'security-headers',
    description:
      'A server terminates TLS but sends no Strict-Transport-Security header. Browsers then keep trying plain HTTP first, and an attacker on the network can strip TLS from that first request.',
    remedy: 'add_header Strict-Transport-Security "max-age=63072000" always;',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        server(server) {
          if (!isHttpServer(server) || !isPublic(server, config)) return;
          // A server that only redirects or refuses (www to the bare name) has no page to protect.
          if (!isTlsServer(server, config) || !servesContent(server, config)) return;
          // An include that could not be read, in the server or above it, may send the header.
          const { directives, unknown } = effectiveKnown(server, config, 'add_header');
          if (unknown) return;
          if (headerNames(directives).includes('strict-transport-security')) return;
          const edit = insertIntoBlock(
            config,
            server,
            [HSTS_LINE],
            ['listen', 'server_name', 'ssl_certificate', 'ssl_certificate_key', 'ssl_protocols', 'ssl_ciphers'],
          );
          context.report({
            start: server.nameStart,
            end: server.nameEnd,
            message:
              'This HTTPS server sends no Strict-Transport-Security header. Add HSTS so browsers never fall back to HTTP.',
            fixes: edit ? [{ title: 'Add Strict-Transport-Security', kind: 'fix', edits: [edit] }] : [],
          });
        },
      },
    };
  },
};
