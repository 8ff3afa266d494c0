// A proxying server with no limit_req anywhere in its configuration: clients can send the app as
// many requests as they like. The configuration is this file, what it includes and the nginx.conf
// that includes it; workspace analysis adds the other files of that configuration (never those
// of another one).
import type { NginxDirective } from '../../languages/nginx/parser';
import {
  childNamed,
  descendantsNamed,
  fileHoldsUnread,
  includerOf,
  insertIntoBlock,
  isHttpServer,
  isPublic,
} from '../../languages/nginx/model';
import type { DraftFix } from '../../core/rule';
import { FACT } from '../../core/facts';
import type { NginxRule } from '../../languages/nginx/rule';

export const missingRateLimit: NginxRule = {
  id: 'nginx/missing-rate-limit',
  language: 'nginx',
  meta: {
    title: 'No rate limiting in front of the app',
    summary: 'a proxying server with no `limit_req`',
    severity: 'info',
    guideSection: 'Authentication › Rate Limiting',
    checklistItem: 'rate-limiting',
    description:
      'A server proxies to the app but nginx limits no request rate anywhere in this configuration. Without a limit in nginx or in the app, one client can exhaust the app (and a paid model API behind its tools).',
    remedy:
      'limit_req_zone $binary_remote_addr zone=mcp:10m rate=10r/s; in http, and limit_req zone=mcp burst=20 nodelay; in the server.',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    // A limit_req in effect anywhere, included files too, answers for every server of the file.
    let limited = false;
    const servers: NginxDirective[] = [];
    return {
      included: true,
      directives: {
        limit_req(directive) {
          if (!directive.isEntry) limited = true;
        },
        server(server) {
          if (isHttpServer(server)) servers.push(server);
        },
      },
      end() {
        if (limited) return;
        // What an include that could not be read sets is unknown: it may be the limit.
        const includer = includerOf(config);
        if (includer?.limitsRequests || includer?.hasUnread || fileHoldsUnread(config)) return;
        for (const server of servers) {
          if (!isPublic(server, config)) continue;
          if (descendantsNamed(server, 'proxy_pass').length === 0) continue;
          const http = server.parent!;
          const fixes: DraftFix[] = [];
          const zone = childNamed(http, config, 'limit_req_zone')[0];
          const zoneName = zone ? /zone=([^:\s]+)/.exec(zone.args.map((a) => a.value).join(' '))?.[1] : 'mcp';
          const serverEdit = zoneName
            ? insertIntoBlock(
                config,
                server,
                [`limit_req zone=${zoneName} burst=20 nodelay;`],
                ['listen', 'server_name'],
              )
            : undefined;
          const zoneEdit = zone
            ? undefined
            : insertIntoBlock(config, http, ['limit_req_zone $binary_remote_addr zone=mcp:10m rate=10r/s;']);
          if (serverEdit && (zone || zoneEdit))
            fixes.push({
              title: 'Limit requests per client address',
              kind: 'fix',
              edits: zoneEdit ? [zoneEdit, serverEdit] : [serverEdit],
            });
          context.report({
            start: server.nameStart,
            end: server.nameEnd,
            message:
              'This server proxies to the app with no limit_req. Limit the request rate per client (here or in the app).',
            // A limiter in the app (express-rate-limit, …) answers it too, and a limit_req in
            // another file of the same nginx configuration (workspace analysis scopes it).
            unless: [{ fact: FACT.rateLimit }],
            fixes,
          });
        }
      },
    };
  },
};
