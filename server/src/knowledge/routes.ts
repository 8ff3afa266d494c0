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
  // An inline middleware that reads a credential: the Authorization header, an API key, a
  // session or a verified token, in what it does rather than in what it writes back.
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
    const evidence = credentialEvidence(file, e);
    return authName.test(evidence) || /authorization|x-api-key|apikey|api_key|bearer/i.test(evidence);
  }
  const text = ts.isCallExpression(e) ? codeTextOf(file, e.expression) : codeTextOf(file, e);
  return authName.test(text);
}

/**
 * The code of a handler or inline middleware without what it writes: calls on its response
 * parameter (`res.header('Access-Control-Expose-Headers', 'mcp-session-id')`,
 * `res.status(401).send('Invalid token')`) and `console` lines are blanked, so header names and
 * messages sent back are not mistaken for a credential the function checks.
 */
export function credentialEvidence(file: TsFile, fn: ts.FunctionLikeDeclaration): string {
  const text = codeTextOf(file, fn);
  const response = fn.parameters[1];
  const base = file.start(fn);
  const blanks: Array<readonly [number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const root = chainRoot(node.expression);
      if (
        ts.isIdentifier(root) &&
        ((response !== undefined && file.resolve(root) === response) ||
          (root.text === 'console' && file.resolve(root) === undefined))
      ) {
        blanks.push([file.start(node) - base, node.end - base]);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  if (blanks.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of blanks) {
    out += text.slice(at, start) + ' '.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

/** The object a call chain starts from: `res` in `res.status(401).json({…})`. */
function chainRoot(expression: ts.Expression): ts.Expression {
  let e = skipOuterExpressions(expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = skipOuterExpressions(e.expression);
    else if (ts.isCallExpression(e)) e = skipOuterExpressions(e.expression);
    else return e;
  }
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
