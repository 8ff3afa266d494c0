// The web apps a file creates (`const app = express()`, `fastify()`, `new Koa()`, `new Hono()`,
// `http.createServer()`), with the routes registered on them and where they listen. Project-level
// rules (helmet, rate limiting, authentication, HTTPS) judge these apps.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import { creationOf, importedModules } from '../languages/typescript/modules';
import { asRoute, type Route } from './routes';
import { skipOuterExpressions, staticString } from '../languages/typescript/values';

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
