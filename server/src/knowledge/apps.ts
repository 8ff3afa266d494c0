// The web apps a file creates (`const app = express()`, `fastify()`, `new Koa()`, `new Hono()`,
// `http.createServer()`), with the routes registered on them and where they listen. Project-level
// rules (helmet, rate limiting, authentication, HTTPS) judge these apps.
import ts from 'typescript';
import type { DraftFinding, DraftRelated } from '../core/rule';
import type { TsFile } from '../languages/typescript/file';
import { creationOf, importedModules } from '../languages/typescript/modules';
import { asRoute, type Route } from './routes';
import { isConstant, skipOuterExpressions, staticString } from '../languages/typescript/values';

export type Framework = 'express' | 'fastify' | 'koa' | 'hono' | 'http';

export interface WebApp {
  framework: Framework;
  /** The variable the app is bound to. */
  name: string;
  creation: ts.CallExpression | ts.NewExpression;
  /** The statement that creates the app (fixes insert after it). */
  statement: ts.Statement;
  routes: Route[];
  listens: ts.CallExpression[];
}

const frameworkOf: Record<string, Framework> = {
  express: 'express',
  fastify: 'fastify',
  koa: 'koa',
  hono: 'hono',
  http: 'http',
  https: 'http',
};
const nonApiPaths =
  /^\/?(?:health(?:z|check)?|ready(?:z)?|live(?:z)?|ping|status|metrics|version|\.well-known\/.*|favicon\.ico|robots\.txt)?$/i;

/** Routes that serve something worth protecting: not health checks, metrics or the root page alone. */
export function apiRoutes(app: WebApp): Route[] {
  return app.routes.filter((r) => {
    const path = skipOuterExpressions(r.call.arguments[0]);
    return !(ts.isStringLiteralLike(path) && nonApiPaths.test(path.text));
  });
}

export function webApps(file: TsFile): WebApp[] {
  return file.cached('webApps', () => findWebApps(file));
}

function findWebApps(file: TsFile): WebApp[] {
  const apps: WebApp[] = [];
  const modules = importedModules(file);
  if (![...modules].some((m) => m in frameworkOf)) return apps;
  const byName = new Map<string, WebApp>();
  for (const node of file.nodes) {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = skipOuterExpressions(node.initializer);
      // `const server = app.listen(3000)` is the app's HTTP server, not a second app; a chained
      // `const api = app.use(json())` is the app itself.
      const method =
        ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) ? init.expression : undefined;
      const receiver = method && skipOuterExpressions(method.expression);
      const existing = receiver && ts.isIdentifier(receiver) ? byName.get(receiver.text) : undefined;
      if (method && (method.name.text === 'listen' || existing)) {
        if (existing && method.name.text !== 'listen') byName.set(node.name.text, existing);
      } else if (
        (ts.isCallExpression(init) || ts.isNewExpression(init)) &&
        ts.isVariableStatement(node.parent.parent)
      ) {
        const created = creationOf(file, init);
        const framework = created && frameworkOf[created.module];
        const isServer =
          framework === 'http'
            ? created!.member === 'createServer'
            : framework === 'express'
              ? created!.member === 'default'
              : framework !== undefined &&
                (created!.member === 'default' || created!.member === 'Hono' || created!.member === 'fastify');
        if (framework && isServer) {
          const app: WebApp = {
            framework,
            name: node.name.text,
            creation: init,
            statement: node.parent.parent,
            routes: [],
            listens: [],
          };
          apps.push(app);
          byName.set(app.name, app);
        }
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const object = skipOuterExpressions(node.expression.expression);
      let app = ts.isIdentifier(object) ? byName.get(object.text) : undefined;
      // http.createServer(app).listen(…): an unnamed server
      if (!app && node.expression.name.text === 'listen' && ts.isCallExpression(object)) {
        const created = creationOf(file, object);
        const statement = ts.findAncestor(
          node,
          (n): n is ts.Statement => ts.isSourceFile(n.parent) || ts.isBlock(n.parent),
        );
        if (created && frameworkOf[created.module] === 'http' && created.member === 'createServer' && statement) {
          app = { framework: 'http', name: 'server', creation: object, statement, routes: [], listens: [] };
          apps.push(app);
        }
      }
      if (app) {
        if (node.expression.name.text === 'listen') app.listens.push(node);
        else {
          const route = asRoute(node);
          if (route) app.routes.push(route);
        }
      }
    }
  }
  return apps;
}

/**
 * An app that only receives an OAuth redirect (a CLI's or desktop client's `redirect_uri`
 * server): an Express app whose every route is a GET that reads nothing from the request but
 * query parameters and answers with constant pages only, one of them reading the authorization
 * code (`req.query.code`); nothing mounted with `use`, the app not handed to other code. The
 * browser reaches the callback by a redirect from the authorization server and cannot bring a
 * credential the app would know (state and PKCE protect the exchange), and constant status pages
 * have no content for security headers or a rate limit to protect. Where it listens is
 * `ts/http-server`'s and `mcp/listen-all-interfaces`' question, not this one's.
 */
export function isOAuthCallbackApp(file: TsFile, app: WebApp): boolean {
  const answers = file.cached('oauthCallbackApps', newCallbackTable);
  let answer = answers.get(app);
  if (answer === undefined) {
    answer = app.framework === 'express' && callbackOnly(file, app);
    answers.set(app, answer);
  }
  return answer;
}

const newCallbackTable = (): Map<WebApp, boolean> => new Map();

function callbackOnly(file: TsFile, app: WebApp): boolean {
  if (!/\bcode\b/.test(file.text)) return false;
  const declaration = ts.findAncestor(app.creation, ts.isVariableDeclaration);
  if (!declaration) return false;
  let readsCode = false;
  for (const node of file.nodesOfKind(ts.SyntaxKind.Identifier) as readonly ts.Identifier[]) {
    if (node.text !== app.name || node === declaration.name || file.resolve(node) !== declaration) continue;
    // Every use of the app is a method call on it: app.get(…), app.listen(…).
    const access = node.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== node) return false;
    const call = access.parent;
    if (!ts.isCallExpression(call) || call.expression !== access) return false;
    const method = access.name.text;
    if (method === 'listen' || method === 'disable' || method === 'set') continue;
    if (method !== 'get') return false;
    const handler =
      call.arguments.length >= 2 ? skipOuterExpressions(call.arguments[call.arguments.length - 1]) : undefined;
    if (call.arguments.length !== 2 || !handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)))
      return false;
    const page = callbackPage(file, handler);
    if (page === undefined) return false;
    if (page === 'callback') readsCode = true;
  }
  return readsCode;
}

const responseMethods = new Set(['status', 'sendStatus', 'send', 'end', 'json', 'type', 'set', 'header', 'setHeader']);
const responseProperties = new Set(['headersSent', 'writableEnded', 'statusCode']);

/**
 * A GET handler that reads only query parameters and answers only constants: 'callback' when it
 * reads the authorization code, 'status' otherwise, undefined when it does anything else with
 * the request or the response.
 */
function callbackPage(file: TsFile, fn: ts.ArrowFunction | ts.FunctionExpression): 'callback' | 'status' | undefined {
  const [request, response] = fn.parameters;
  if (!response || !ts.isIdentifier(response.name) || (request && !ts.isIdentifier(request.name))) return undefined;
  let readsCode = false;
  let other = false;
  const onRequest = (node: ts.Identifier): void => {
    const query = node.parent;
    if (!ts.isPropertyAccessExpression(query) || query.expression !== node || query.name.text !== 'query') {
      other = true;
      return;
    }
    const outer = query.parent;
    if (ts.isPropertyAccessExpression(outer) && outer.expression === query) {
      if (outer.name.text === 'code') readsCode = true;
    } else if (
      ts.isVariableDeclaration(outer) &&
      outer.initializer === query &&
      ts.isObjectBindingPattern(outer.name)
    ) {
      for (const element of outer.name.elements) {
        const key = element.propertyName ?? element.name;
        if (ts.isIdentifier(key) && key.text === 'code') readsCode = true;
      }
    } else other = true;
  };
  const onResponse = (node: ts.Identifier): void => {
    // res.status(202).send('pending'): each call of the chain is a response method with constant arguments.
    let current: ts.Expression = node;
    for (;;) {
      const access = current.parent;
      if (!ts.isPropertyAccessExpression(access) || access.expression !== current) break;
      const call = access.parent;
      if (!ts.isCallExpression(call) || call.expression !== access) {
        if (!responseProperties.has(access.name.text)) other = true;
        return;
      }
      if (!responseMethods.has(access.name.text) || !call.arguments.every((a) => isConstant(file, a))) {
        other = true;
        return;
      }
      current = call;
    }
    if (current === node) other = true; // the response itself handed on
  };
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (ts.isIdentifier(node)) {
      const declaration = file.resolve(node);
      if (declaration !== undefined && declaration === request) onRequest(node);
      else if (declaration !== undefined && declaration === response) onResponse(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  if (other) return undefined;
  return readsCode ? 'callback' : 'status';
}

/** The port a listen call names, when it is a constant. */
export function listenPortOf(file: TsFile, call: ts.CallExpression): number | undefined {
  const first = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
  if (!first) return undefined;
  let value: string | undefined;
  if (ts.isObjectLiteralExpression(first)) {
    const port = first.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'port');
    if (port && ts.isPropertyAssignment(port)) value = staticString(file, port.initializer);
  } else {
    value = staticString(file, first);
    // process.env.PORT ?? 3000, Number(process.env.PORT) || 3000
    if (
      value === undefined &&
      ts.isBinaryExpression(first) &&
      /^(?:\?\?|\|\|)$/.test(first.operatorToken.getText(file.sourceFile))
    )
      value = staticString(file, first.right);
    if (value === undefined && ts.isIdentifier(first)) {
      const declaration = file.resolve(first);
      const init =
        declaration && ts.isVariableDeclaration(declaration)
          ? declaration.initializer && skipOuterExpressions(declaration.initializer)
          : undefined;
      if (init)
        value = staticString(file, init) ?? (ts.isBinaryExpression(init) ? staticString(file, init.right) : undefined);
    }
  }
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Listen calls a finding names as related places, at most. */
const MAX_LISTENS = 3;

/**
 * Where the file makes an app reachable, as a finding's related places: the `listen` calls of
 * the app named `app` (`app.listen(…)`, `http.createServer(app).listen(…)`), else every
 * `x.listen(…)` of the file (an MCP server's app often comes from a helper). For findings only:
 * it reads the file's call list, made once per file.
 */
export function listenRelated(file: TsFile, app?: string): DraftRelated[] {
  const listens = file.cached('apps.listens', () =>
    file.nodesOfKind(ts.SyntaxKind.CallExpression).filter((call) => {
      const callee = skipOuterExpressions(call.expression);
      return ts.isPropertyAccessExpression(callee) && callee.name.text === 'listen';
    }),
  );
  const of = (call: ts.CallExpression): boolean => {
    const receiver = skipOuterExpressions(
      (skipOuterExpressions(call.expression) as ts.PropertyAccessExpression).expression,
    );
    if (ts.isIdentifier(receiver)) return receiver.text === app;
    return (
      ts.isCallExpression(receiver) &&
      receiver.arguments.some((a) => {
        const e = skipOuterExpressions(a);
        return ts.isIdentifier(e) && e.text === app;
      })
    );
  };
  const own = app === undefined ? [] : listens.filter(of);
  return (own.length > 0 ? own : listens).slice(0, MAX_LISTENS).map((call) => listenPlace(file, call));
}

/** An app's own `listen` calls, as a finding about the app names them (none: an app another file starts). */
export function appListens(file: TsFile, app: WebApp): Pick<DraftFinding, 'related'> {
  return app.listens.length > 0
    ? { related: app.listens.slice(0, MAX_LISTENS).map((call) => listenPlace(file, call)) }
    : {};
}

function listenPlace(file: TsFile, call: ts.CallExpression): DraftRelated {
  const port = listenPortOf(file, call);
  return {
    start: file.start(call),
    end: call.end,
    message: port === undefined ? 'the app listens here' : `the app listens here, on port ${port}`,
  };
}

/** Whether the file mounts middleware from one of `modules` (`app.use(helmet())`, `fastify.register(rateLimit)`), or imports it at all. */
export function usesModule(file: TsFile, modules: readonly string[]): boolean {
  const imported = importedModules(file);
  return modules.some((m) => imported.has(m));
}

/** Inserts `lines` after the statement that creates `app`, with its indentation. */
export function insertAfterApp(
  file: TsFile,
  app: WebApp,
  lines: string[],
): { start: number; end: number; newText: string } {
  const statement = app.statement;
  const start = file.start(statement);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart, start))![0];
  return { start: statement.end, end: statement.end, newText: lines.map((l) => `${file.eol}${indent}${l}`).join('') };
}
