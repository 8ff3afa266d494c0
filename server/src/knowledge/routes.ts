// Web app shapes: route registrations (`app.post('/mcp', auth, handler)`), middleware mounted
// with `app.use`, and names that say "authentication".
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import { creationOf } from '../languages/typescript/modules';
import { skipOuterExpressions } from '../languages/typescript/values';
import { codeTextOf } from '../languages/typescript/comments';

export const routeMethods = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options', 'route']);
const authName =
  /auth|jwt|bearer|token|api[-_]?key|passport|session|verify|protect|guard|requireUser|loggedIn|isAuthenticated|signedIn|clerk|firebase|oauth|credential/i;
const webModules = new Set([
  'express',
  'fastify',
  'koa',
  '@koa/router',
  'koa-router',
  'hono',
  'restify',
  'polka',
  'http',
  'https',
  'connect',
]);

/** Whether a middleware expression names authentication: `requireAuth`, `passport.authenticate('jwt')`, `requireBearerAuth({…})`. */
export function isAuthMiddleware(file: TsFile, expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  if (ts.isArrayLiteralExpression(e)) return e.elements.some((x) => isAuthMiddleware(file, x));
  const text = ts.isCallExpression(e) ? codeTextOf(file, e.expression) : codeTextOf(file, e);
  if (authName.test(text)) return true;
  // An inline middleware that checks the Authorization header or an API key.
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e))
    return /authorization|x-api-key|apikey|api_key|bearer/i.test(codeTextOf(file, e));
  return false;
}

export interface Route {
  call: ts.CallExpression;
  /** The object routes are registered on (`app`, `router`). */
  app: ts.Expression;
  method: string;
  /** Arguments between the path and the handler. */
  middleware: ts.Expression[];
  handler: ts.Expression;
}

/** `app.post('/x', mw, handler)` — the route a handler function is registered by, if any. */
export function routeOfHandler(fn: ts.Node): Route | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call)) return undefined;
  return asRoute(call, fn as ts.Expression);
}

export function asRoute(call: ts.CallExpression, handler?: ts.Expression): Route | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !routeMethods.has(callee.name.text) || call.arguments.length < 2)
    return undefined;
  const path = skipOuterExpressions(call.arguments[0]);
  if (!ts.isStringLiteralLike(path) && !ts.isRegularExpressionLiteral(path) && !ts.isTemplateExpression(path))
    return undefined;
  const last = handler ?? call.arguments[call.arguments.length - 1];
  const index = call.arguments.indexOf(last);
  if (index < 1) return undefined;
  return {
    call,
    app: callee.expression,
    method: callee.name.text,
    middleware: call.arguments.slice(1, index),
    handler: last,
  };
}

/** `app.use(mw)` calls in the file on the object named `appText` (`app`, `router`), or on any object when it is undefined. */
export function mountedMiddleware(file: TsFile, appText?: string): ts.Expression[] {
  const all = useCalls(file);
  return all.filter((u) => appText === undefined || u.object === appText).flatMap((u) => u.middleware);
}

/**
 * The first authentication middleware mounted with `use` on `appText` (any object when undefined).
 * Asked by several rules, and once per transport or app: answered once per file and object.
 */
export function mountedAuthMiddleware(file: TsFile, appText?: string): ts.Expression | undefined {
  const answers = file.cached('mountedAuth', newAuthTable);
  const key = appText ?? '';
  if (!answers.has(key))
    answers.set(
      key,
      mountedMiddleware(file, appText).find((m) => isAuthMiddleware(file, m)),
    );
  return answers.get(key);
}

const newAuthTable = (): Map<string, ts.Expression | undefined> => new Map();

/** Every `x.use(...)` call of the file with its object's text: one walk per file, shared by the rules. */
function useCalls(file: TsFile): Array<{ object: string; middleware: ts.Expression[] }> {
  return file.cached('useCalls', () => {
    const found: Array<{ object: string; middleware: ts.Expression[] }> = [];
    if (!file.text.includes('.use')) return found;
    for (const node of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
      if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'use') {
        found.push({
          object: file.textOf(skipOuterExpressions(node.expression.expression)),
          middleware: node.arguments.filter((a) => !ts.isStringLiteralLike(a)),
        });
      }
    }
    return found;
  });
}

/** Whether an expression is a web app or server: `express()`, `fastify()`, `new Koa()`, `http.createServer()`. */
export function isWebApp(file: TsFile, expression: ts.Expression): boolean {
  const created = creationOf(file, expression);
  if (created && webModules.has(created.module)) return true;
  const e = skipOuterExpressions(expression);
  return (
    ts.isIdentifier(e) &&
    /^(?:app|server|httpServer|api)$/.test(e.text) &&
    created === undefined &&
    file.resolve(e) === undefined
  );
}
