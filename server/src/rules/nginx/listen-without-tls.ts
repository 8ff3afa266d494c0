// A public server that serves content over plain HTTP: credentials and tokens cross the network
// in clear text and can be read or changed on the way.
import type { DraftFix } from '../../core/rule';
import {
  childNamed,
  insertIntoBlock,
  isHttpServer,
  isMeantForTls,
  listensOf,
  servesContent,
} from '../../languages/nginx/model';
import type { NginxRule } from '../../languages/nginx/rule';

export const listenWithoutTls: NginxRule = {
  id: 'nginx/listen-without-tls',
  language: 'nginx',
  meta: {
    title: 'Content served over plain HTTP',
    summary: 'a public server that serves content over plain HTTP',
    severity: 'warning',
    guideSection: 'Network Security › Use HTTPS',
    checklistItem: 'https',
    description:
      'A server listens on plain HTTP and serves content or proxies to the app, instead of only redirecting to HTTPS. API keys, bearer tokens and tool results then cross the network in clear text.',
    remedy:
      'Serve the content over TLS and make the plain-HTTP server answer only `return 301 https://$host$request_uri;`.',
    hasSuggestions: true,
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        server(server) {
          if (!isHttpServer(server)) return;
          const listens = listensOf(server, config);
          // A TLS listen missing its `ssl` is nginx/ssl-listen-missing-ssl's finding.
          const tlsConfigured =
            listens.some((l) => l.ssl) || childNamed(server, config, 'ssl').some((d) => d.args[0]?.value === 'on');
          const plain = listens.filter(
            (l) => !l.ssl && !l.local && !(tlsConfigured === false && isMeantForTls(l, server, config)),
          );
          const defaultPort = listens.length === 0; // nginx listens on *:80 by default
          if ((plain.length === 0 && !defaultPort) || !servesContent(server, config)) return;
          const fixes: DraftFix[] = [];
          // With a TLS listen in the same server, a redirect would loop: only plain-only servers get the fix.
          if (listens.every((l) => !l.ssl)) {
            const edit = insertIntoBlock(
              config,
              server,
              ['return 301 https://$host$request_uri;'],
              ['listen', 'server_name'],
            );
            if (edit) fixes.push({ title: 'Redirect every request to HTTPS', kind: 'suggestion', edits: [edit] });
          }
          const at = plain[0]?.directive ?? childNamed(server, config, 'server_name')[0] ?? server;
          context.report({
            start: at.nameStart,
            end: at === server ? server.nameEnd : at.end,
            message: 'This server answers plain HTTP with content. Serve it over TLS and redirect HTTP to HTTPS.',
            fixes,
          });
        },
      },
    };
  },
};
