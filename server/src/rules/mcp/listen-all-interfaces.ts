// A local MCP server listening on every interface is reachable from the whole network.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { usesHttpTransport } from '../../knowledge/mcp';
import { isWebApp } from '../../knowledge/routes';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyValue, skipOuterExpressions, staticString } from '../../languages/typescript/values';

const allInterfaces = new Set(['0.0.0.0', '::', '[::]', '']);

export const listenAllInterfaces: TsRule = {
  id: 'mcp/listen-all-interfaces',
  language: 'typescript',
  meta: {
    title: 'MCP HTTP server listening on all interfaces',
    summary: 'an MCP HTTP server listening on all interfaces',
    severity: 'info',
    guideSection: 'beyond (MCP specification: bind locally)',
    checklistItem: 'access-controls',
    description:
      'An MCP server over HTTP calls listen() with no host, or with 0.0.0.0/::, so it accepts connections from every network the machine is on. The MCP specification asks local servers to bind to localhost only. (Inside a container, where the port is published deliberately, binding all interfaces is expected: suppress the finding there.)',
    remedy: "Listen on '127.0.0.1' for a local server; expose a remote one only behind authentication and TLS.",
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    let mcp: boolean | undefined;
    return {
      calls: { names: new Set(['listen']) },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'listen' || call.arguments.length === 0)
          return;
        if (!(mcp ??= usesHttpTransport(file))) return;
        if (!isWebApp(file, callee.expression)) return;
        const q = file.quote;
        const first = skipOuterExpressions(call.arguments[0]);
        let target: ts.Node = callee.name;
        let fix: DraftFix | undefined;
        if (ts.isObjectLiteralExpression(first)) {
          // server.listen({ port, host })
          const host = propertyValue(first, 'host');
          if (host) {
            const value = staticString(file, host);
            if (value === undefined || !allInterfaces.has(value)) return;
            target = host;
            fix = {
              title: 'Listen on 127.0.0.1',
              kind: 'suggestion',
              edits: [{ start: file.start(host), end: host.end, newText: `${q}127.0.0.1${q}` }],
            };
          } else if (first.properties.length > 0) {
            const last = first.properties[first.properties.length - 1];
            fix = {
              title: 'Listen on 127.0.0.1',
              kind: 'suggestion',
              edits: [{ start: last.end, end: last.end, newText: `, host: ${q}127.0.0.1${q}` }],
            };
          }
        } else {
          const second = call.arguments[1] && skipOuterExpressions(call.arguments[1]);
          if (
            second &&
            !ts.isArrowFunction(second) &&
            !ts.isFunctionExpression(second) &&
            !(ts.isIdentifier(second) && /callback|cb|onListen|ready/i.test(second.text))
          ) {
            const value = staticString(file, second);
            if (value === undefined || !allInterfaces.has(value)) return;
            target = second;
            fix = {
              title: 'Listen on 127.0.0.1',
              kind: 'suggestion',
              edits: [{ start: file.start(second), end: second.end, newText: `${q}127.0.0.1${q}` }],
            };
          } else {
            const port = call.arguments[0];
            fix = {
              title: 'Listen on 127.0.0.1',
              kind: 'suggestion',
              edits: [{ start: port.end, end: port.end, newText: `, ${q}127.0.0.1${q}` }],
            };
          }
        }
        context.report({
          start: file.start(target),
          end: target.end,
          message:
            'This MCP server listens on every network interface, so other machines can reach it. Listen on 127.0.0.1 unless it is meant to be remote.',
          fixes: fix ? [fix] : [],
        });
      },
    };
  },
};
