// An MCP endpoint over HTTP with no authentication: anyone who reaches the port can call every tool.
import ts from 'typescript';
import { listenRelated } from '../../knowledge/apps';
import { isHttpTransportCreation } from '../../knowledge/mcp';
import { isAuthMiddleware, mountedAuthMiddleware, routeOfHandler } from '../../knowledge/routes';
import type { TsRule } from '../../languages/typescript/rule';
import { codeTextOf } from '../../languages/typescript/comments';

const inlineAuth =
  /\b(?:authorization|x-api-key|req\.auth|authInfo|verifyToken|verifyAccessToken|jwt\.verify|timingSafeEqual|bearer)\b/i;

export const httpTransportWithoutAuth: TsRule = {
  id: 'mcp/http-transport-without-auth',
  language: 'typescript',
  meta: {
    title: 'MCP HTTP transport without authentication',
    summary: 'an MCP HTTP transport served without authentication',
    severity: 'error',
    guideSection: 'Authentication and Authorization (MCP)',
    checklistItem: 'authentication',
    description:
      "A StreamableHTTPServerTransport or SSEServerTransport is created in a route handler that has no authentication middleware in front of it (in the route, or mounted with app.use in this file) and checks no credentials itself. Anyone who can reach the port can list and call every tool, with the server's rights.",
    remedy:
      "Put bearer-token middleware in front of the MCP route (the SDK's requireBearerAuth, or your own API-key check).",
  },
  create(context) {
    const { file } = context;
    return {
      [ts.SyntaxKind.NewExpression]: (node) => {
        if (!isHttpTransportCreation(file, node)) return;
        // The function the transport is created in, and the route that registers it.
        let fn: ts.Node | undefined = node.parent;
        while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
        if (!fn) return; // created at module level: nothing to judge
        if (inlineAuth.test(codeTextOf(file, fn))) return;
        let app: string | undefined;
        for (let f: ts.Node | undefined = fn; f; f = f.parent) {
          if (!ts.isFunctionLike(f)) continue;
          const route = routeOfHandler(f);
          if (!route) continue;
          if (route.middleware.some((m) => isAuthMiddleware(file, m))) return;
          app = file.textOf(route.app);
          if (mountedAuthMiddleware(file, app)) return;
          break;
        }
        if (mountedAuthMiddleware(file)) return;
        const listens = listenRelated(file, app);
        context.report({
          start: file.start(node.expression),
          end: node.expression.end,
          message:
            'This MCP HTTP transport is served with no authentication in front of it: anyone who reaches the port can call every tool. Add bearer-token middleware to the route.',
          ...(listens.length > 0 ? { related: listens } : {}),
        });
      },
    };
  },
};
