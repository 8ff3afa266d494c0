// A server speaking plain HTTP: fine behind a TLS proxy or on localhost, a leak anywhere else.
import ts from 'typescript';
import { listenPortOf, webApps } from '../../knowledge/apps';
import { FACT } from '../../core/facts';
import { httpsServerIn } from '../../knowledge/facts';
import type { TsFile } from '../../languages/typescript/file';
import { isModuleMember } from '../../languages/typescript/modules';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyValue, skipOuterExpressions, staticString } from '../../languages/typescript/values';

const localHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export const httpServer: TsRule = {
  id: 'ts/http-server',
  language: 'typescript',
  meta: {
    title: 'Server listening on plain HTTP',
    summary: 'a server listening on plain HTTP to the network',
    severity: 'info',
    guideSection: 'Network Security › Use HTTPS',
    checklistItem: 'https',
    description:
      'The app listens on plain HTTP and the file creates no HTTPS server. That is right behind a TLS-terminating proxy (nginx, a load balancer) and for localhost-only servers, and wrong anywhere else: API keys, tokens and data cross the network readable. Servers bound to localhost are not reported; an nginx TLS proxy to the same port clears the finding in workspace analysis (editor scan or CLI).',
    remedy: 'Terminate TLS in front of the app (nginx, a load balancer) or serve with https.createServer.',
  },
  create(context) {
    const { file } = context;
    return {
      onEnd: () => {
        const apps = webApps(file);
        if (apps.length === 0) return;
        if (httpsServerIn(file)) return;
        for (const app of apps) {
          if (
            app.framework === 'http' &&
            !isModuleMember(file, skipOuterExpressions(app.creation.expression), ['http'], ['createServer'])
          )
            continue;
          for (const listen of app.listens) {
            const hostArgument = listen.arguments[1] && skipOuterExpressions(listen.arguments[1]);
            if (hostArgument && !isCallback(file, hostArgument)) {
              const host = staticString(file, hostArgument);
              // A configured host (process.env.HOST): deployment decides; not ours to judge.
              if (host === undefined || localHosts.has(host)) continue;
            }
            const first = listen.arguments[0] && skipOuterExpressions(listen.arguments[0]);
            const hostOption = first && ts.isObjectLiteralExpression(first) ? propertyValue(first, 'host') : undefined;
            const optionHost = hostOption && staticString(file, hostOption);
            if (optionHost !== undefined && localHosts.has(optionHost)) continue;
            const port = listenPortOf(file, listen);
            if (port === 0 && isPortProbe(file, app.name, listen)) continue;
            context.fact(FACT.listensOnPort, port ?? 'unknown', listen);
            context.report({
              start: file.start(listen.expression),
              end: listen.expression.end,
              // An HTTPS server elsewhere in the project, or an nginx TLS proxy to this port, answers it.
              unless: [
                { fact: FACT.httpsServer },
                ...(port !== undefined ? [{ fact: FACT.tlsProxyPort, value: port }] : []),
              ],
              message: `'${app.name}' serves plain HTTP${port !== undefined ? ` on port ${port}` : ''}. Put a TLS-terminating proxy in front of it or serve HTTPS.`,
            });
          }
        }
      },
    };
  },
};

/**
 * `probe.listen(0, …)` whose address is read or that is closed again: the operating system picks
 * a free port and the code wants to know which (a free-port finder, a test's server). Nothing is
 * served on a port nobody can know in advance.
 */
function isPortProbe(file: TsFile, name: string, listen: ts.CallExpression): boolean {
  const probing = (n: ts.Node): boolean =>
    ts.isPropertyAccessExpression(n) && (n.name.text === 'address' || n.name.text === 'close');
  if (probing(listen.parent)) return true;
  // The server, or the value listen() returned (`const running = app.listen(0)`).
  const names = new Set([name]);
  let value: ts.Node = listen;
  while (ts.isParenthesizedExpression(value.parent) || ts.isAwaitExpression(value.parent)) value = value.parent;
  if (ts.isVariableDeclaration(value.parent) && ts.isIdentifier(value.parent.name)) names.add(value.parent.name.text);
  return file.nodesOfKind(ts.SyntaxKind.CallExpression).some((call) => {
    const callee = call.expression;
    if (!probing(callee)) return false;
    const object = skipOuterExpressions((callee as ts.PropertyAccessExpression).expression);
    return ts.isIdentifier(object) && names.has(object.text);
  });
}

/** `() => …`, `function () {}`, or a name bound to a function: listen's callback, not a host. */
function isCallback(file: TsFile, expression: ts.Expression): boolean {
  if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) return true;
  if (!ts.isIdentifier(expression)) return false;
  const declaration = file.resolve(expression);
  if (!declaration) return false;
  if (ts.isFunctionDeclaration(declaration)) return true;
  const init =
    ts.isVariableDeclaration(declaration) && declaration.initializer
      ? skipOuterExpressions(declaration.initializer)
      : undefined;
  return init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
}
