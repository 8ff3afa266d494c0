// CORS that allows every origin lets any web page call the API from its visitors' browsers; with
// credentials, as those visitors.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { bindingOfIdentifier, forEachIdentifier } from '../../languages/typescript/modules';
import { routeMethods } from '../../knowledge/routes';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';
import { objectProperty, propertyValue, skipOuterExpressions, staticString } from '../../languages/typescript/values';

const corsModules = new Set(['cors', '@fastify/cors', 'fastify-cors', '@koa/cors', 'kcors', 'hono/cors']);
/** The calls below: a name reaching a cors module, `register(cors, …)`, and the header setters. */
const corsCalls: CallFilter = {
  names: new Set(['register', 'setHeader', 'header', 'set', 'append']),
  reaching: { key: 'cors', modules: [...corsModules] },
};
const ALLOW_LIST = "(process.env.CORS_ORIGINS ?? '').split(',')";

function corsFactory(file: TsFile, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isIdentifier(callee)) return false;
  const binding = bindingOfIdentifier(file, callee);
  return binding !== undefined && corsModules.has(binding.module);
}

/** `origin: '*'` / `origin: true` / no origin at all, in a cors options object. */
function openOrigin(file: TsFile, options: ts.Expression | undefined): { node?: ts.Node; what: string } | undefined {
  if (!options) return { what: 'cors() with no options allows every origin' };
  const e = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(e)) return undefined;
  if (e.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
  const origin = propertyValue(e, 'origin');
  if (!origin) return { what: 'cors options without origin allow every origin' };
  const value = skipOuterExpressions(origin);
  if (value.kind === ts.SyntaxKind.TrueKeyword) return { node: origin, what: 'origin: true reflects every origin' };
  if (staticString(file, value) === '*') return { node: origin, what: "origin: '*' allows every origin" };
  return undefined;
}

/**
 * Endpoints that OAuth clients call from other origins by design: authorization-server and
 * protected-resource metadata (RFC 8414, RFC 9728, OpenID discovery; with an issuer or resource
 * path after them), dynamic client registration (RFC 7591), the token endpoint and revocation
 * (RFC 7009). A browser-based MCP client or SPA fetches them cross-origin, and none of them reads
 * cookies: a wildcard origin there is what the MCP SDK itself mounts.
 */
const oauthEndpoint =
  /(?:^|\/)(?:\.well-known\/(?:oauth-authorization-server|oauth-protected-resource|openid-configuration)(?:\/[^]*)?|token|register|revoke)\/?$/i;
/**
 * A route file of a file-system router for such an endpoint: Next.js
 * `app/.well-known/oauth-authorization-server/route.ts` or `pages/api/oauth/token.ts`, SvelteKit
 * `src/routes/token/+server.ts`.
 */
function isOauthRouteFile(path: string): boolean {
  const segments = path.split('/');
  const router = segments.findIndex((s) => s === 'app' || s === 'pages' || s === 'routes');
  if (router < 0) return false;
  const last = segments[segments.length - 1];
  if (!/\.[cm]?[jt]sx?$/i.test(last)) return false;
  // app/…/token/route.ts, pages/api/oauth/token.ts, routes/token/+server.ts
  const rest = segments.slice(router + 1);
  const name = last.replace(/\.[cm]?[jt]sx?$/i, '');
  const route = /^(?:route|index|\+server)$/i.test(name) ? rest.slice(0, -1) : [...rest.slice(0, -1), name];
  return oauthEndpoint.test('/' + route.join('/'));
}
const mountMethods: ReadonlySet<string> = new Set([...routeMethods, 'use']);
const MAX_MOUNT_DEPTH = 4;

/** The route paths a path argument names: a literal, a template's literal tail (`${base}/token`), an array of those. */
function pathsOf(file: TsFile, argument: ts.Expression): string[] | undefined {
  const e = skipOuterExpressions(argument);
  if (ts.isArrayLiteralExpression(e)) {
    const all = e.elements.map((x) => pathsOf(file, x));
    return all.every((x) => x !== undefined) ? all.flat() : undefined;
  }
  const value = staticString(file, e);
  if (value !== undefined) return [value];
  if (ts.isTemplateExpression(e)) {
    const tail = e.templateSpans[e.templateSpans.length - 1].literal.text;
    return tail.startsWith('/') ? [tail] : undefined;
  }
  return undefined;
}

/** `app.use(path, …, x)`, `router.post(path, x, handler)`, `router.route(path).post(x)`: the paths `x` is mounted on. */
function mountCallPaths(file: TsFile, value: ts.Expression): string[] | undefined {
  const call = value.parent;
  if (!ts.isCallExpression(call) || call.expression === value) return undefined;
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !mountMethods.has(callee.name.text)) return undefined;
  const index = call.arguments.indexOf(value);
  const first = call.arguments[0] && pathsOf(file, call.arguments[0]);
  if (first && index >= 1) return first;
  const receiver = skipOuterExpressions(callee.expression);
  if (
    ts.isCallExpression(receiver) &&
    ts.isPropertyAccessExpression(receiver.expression) &&
    receiver.expression.name.text === 'route' &&
    receiver.arguments[0]
  )
    return pathsOf(file, receiver.arguments[0]);
  return undefined;
}

/** The value an expression is part of, through parentheses and assertions. */
function outermost(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (
    ts.isParenthesizedExpression(e.parent) ||
    ts.isAsExpression(e.parent) ||
    ts.isNonNullExpression(e.parent) ||
    ts.isSatisfiesExpression(e.parent)
  )
    e = e.parent;
  return e;
}

/**
 * Every path a value ends up served on: mounted directly, or through the variable, the router or
 * the function returning it that is mounted. Undefined when any use of it is something else (an
 * export, an app that listens, a call we cannot follow): then it may serve every route.
 */
function servedPaths(file: TsFile, node: ts.Node, depth = 0): string[] | undefined {
  if (depth > MAX_MOUNT_DEPTH) return undefined;
  if (ts.isFunctionDeclaration(node)) return node.name ? referencePaths(file, node, node.name, depth) : undefined;
  if (!ts.isExpression(node)) return undefined;
  const value = outermost(node);
  const mounted = mountCallPaths(file, value);
  if (mounted) return mounted;
  const parent = value.parent;
  // router.use(cors()) without a path: wherever the router is mounted.
  if (ts.isCallExpression(parent) && parent.expression !== value && parent.arguments.includes(value)) {
    const callee = skipOuterExpressions(parent.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'use') return undefined;
    const router = skipOuterExpressions(callee.expression);
    const declaration = ts.isIdentifier(router) ? file.resolve(router) : undefined;
    return declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)
      ? referencePaths(file, declaration, declaration.name, depth)
      : undefined;
  }
  // const oauthCors = cors(); const router = express.Router()
  if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name))
    return referencePaths(file, parent, parent.name, depth);
  // return router; — where the function's calls are mounted
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === value)) {
    const fn = ts.isReturnStatement(parent) ? ts.findAncestor(parent, ts.isFunctionLike) : parent;
    if (!fn) return undefined;
    if (ts.isFunctionDeclaration(fn) && fn.name) return referencePaths(file, fn, fn.name, depth, true);
    const holder = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? outermost(fn).parent : undefined;
    if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name))
      return referencePaths(file, holder, holder.name, depth, true);
  }
  return undefined;
}

/**
 * The paths the uses of a declared name are served on. A router's own configuration
 * (`router.use(…)`, `router.post(…)`) is not a use; a function's uses are its calls (`called`).
 */
function referencePaths(
  file: TsFile,
  declaration: ts.Node,
  name: ts.Identifier,
  depth: number,
  called = false,
): string[] | undefined {
  // Every cors() and header of a file asks about the same app or router: one look at its uses
  // (a walk over the file's mentions of its name) answers them all.
  const known = file.cached('corsReferencePaths', newPathTable);
  let byDeclaration = known.get(declaration);
  if (!byDeclaration) known.set(declaration, (byDeclaration = new Map()));
  const key = `${depth}:${called}`;
  if (byDeclaration.has(key)) return byDeclaration.get(key);
  const found = findReferencePaths(file, declaration, name, depth, called);
  byDeclaration.set(key, found);
  return found;
}

const newPathTable = (): Map<ts.Node, Map<string, string[] | undefined>> => new Map();

function findReferencePaths(
  file: TsFile,
  declaration: ts.Node,
  name: ts.Identifier,
  depth: number,
  called: boolean,
): string[] | undefined {
  const paths: string[] = [];
  let unknown = false;
  let uses = 0;
  forEachIdentifier(file, [name.text], (reference) => {
    if (unknown || reference === name || file.resolve(reference) !== declaration) return;
    const parent = reference.parent;
    if (called) {
      if (!ts.isCallExpression(parent) || parent.expression !== reference) {
        unknown = true;
        return;
      }
      uses++;
      const found = servedPaths(file, parent, depth + 1);
      if (found) paths.push(...found);
      else unknown = true;
      return;
    }
    if (
      ts.isPropertyAccessExpression(parent) &&
      parent.expression === reference &&
      ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent &&
      mountMethods.has(parent.name.text)
    )
      return;
    uses++;
    const found = servedPaths(file, reference, depth + 1);
    if (found) paths.push(...found);
    else unknown = true;
  });
  return unknown || uses === 0 ? undefined : paths;
}

/** Whether a CORS setting (a cors() call, a handler setting the header) only serves OAuth metadata, registration, token and revocation endpoints. */
function onlyOAuthEndpoints(file: TsFile, node: ts.Node): boolean {
  if (isOauthRouteFile(file.path.replace(/\\/g, '/'))) return true;
  const served = servedPaths(file, node);
  return served !== undefined && served.length > 0 && served.every((p) => oauthEndpoint.test(p));
}

/** The handler a header is set in, if it is a function (the route it serves decides). */
function enclosingHandler(node: ts.Node): ts.Node | undefined {
  return ts.findAncestor(
    node.parent,
    (n) => ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n),
  );
}

function credentialsAllowed(options: ts.Expression | undefined): boolean {
  const value = propertyValue(options, 'credentials');
  return value !== undefined && skipOuterExpressions(value).kind === ts.SyntaxKind.TrueKeyword;
}

export const corsWildcard: TsRule = {
  id: 'ts/cors-wildcard',
  language: 'typescript',
  meta: {
    title: 'CORS allows every origin',
    summary: 'CORS open to every origin (worst with credentials)',
    severity: 'warning',
    guideSection: 'beyond (MCP: validate Origin)',
    checklistItem: 'access-controls',
    description:
      "cors() without options, `origin: '*'`, `origin: true` or an `Access-Control-Allow-Origin: *` header let scripts on any website call this API from a visitor's browser and read the answers. With credentials allowed (or an origin reflected back), those calls carry the visitor's cookies. For a local MCP server this is how a web page reaches tools on localhost.",
    remedy: 'Set origin to an explicit allow-list read from configuration.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: corsCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        // app.use(cors()), cors({ origin: '*' })
        if (corsFactory(file, call)) {
          const options = call.arguments[0];
          const open = openOrigin(file, options);
          if (!open) return;
          const credentials = credentialsAllowed(options);
          // OAuth discovery, registration, token and revocation endpoints are called cross-origin by design.
          if (!credentials && onlyOAuthEndpoints(file, call)) return;
          const fixes: DraftFix[] = [];
          if (!options)
            fixes.push({
              title: 'Allow only the origins in CORS_ORIGINS',
              kind: 'suggestion',
              edits: [{ start: call.arguments.pos, end: call.arguments.pos, newText: `{ origin: ${ALLOW_LIST} }` }],
            });
          else if (open.node)
            fixes.push({
              title: 'Allow only the origins in CORS_ORIGINS',
              kind: 'suggestion',
              edits: [{ start: file.start(open.node), end: open.node.end, newText: ALLOW_LIST }],
            });
          const target = open.node ?? call;
          context.report({
            start: file.start(target),
            end: target.end,
            message: `${open.what}${credentials ? ', with credentials' : ''}: any website can call this API from its visitors' browsers. Use an allow-list.`,
            severity: credentials ? 'error' : undefined,
            fixes,
          });
          return;
        }
        // fastify.register(cors, { origin: true })
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && call.arguments.length >= 1) {
          const plugin = skipOuterExpressions(call.arguments[0]);
          const binding = ts.isIdentifier(plugin) ? bindingOfIdentifier(file, plugin) : undefined;
          if (!binding || !corsModules.has(binding.module)) return;
          const options = call.arguments[1];
          const open = openOrigin(file, options);
          if (!open) return;
          const target = open.node ?? call;
          context.report({
            start: file.start(target),
            end: target.end,
            message: `${open.what}: any website can call this API from its visitors' browsers. Use an allow-list.`,
            severity: credentialsAllowed(options) ? 'error' : undefined,
            fixes: open.node
              ? [
                  {
                    title: 'Allow only the origins in CORS_ORIGINS',
                    kind: 'suggestion',
                    edits: [{ start: file.start(open.node), end: open.node.end, newText: ALLOW_LIST }],
                  },
                ]
              : [],
          });
          return;
        }
        // res.setHeader('Access-Control-Allow-Origin', '*')
        if (
          ts.isPropertyAccessExpression(callee) &&
          /^(?:setHeader|header|set|append)$/.test(callee.name.text) &&
          call.arguments.length >= 2
        ) {
          const name = staticString(file, call.arguments[0]);
          if (name?.toLowerCase() !== 'access-control-allow-origin') return;
          const value = call.arguments[1];
          const text = staticString(file, value);
          const reflected =
            text === undefined &&
            /\borigin\b/i.test(file.textOf(value)) &&
            /headers|get\(|header\(/.test(file.textOf(value));
          if (text !== '*' && !reflected) return;
          if (text === '*' && onlyOAuthEndpoints(file, enclosingHandler(call) ?? call)) return;
          context.report({
            start: file.start(value),
            end: value.end,
            message: reflected
              ? "The request's Origin is echoed back: every website is allowed. Check it against an allow-list first."
              : 'Access-Control-Allow-Origin: * lets any website read these responses. Name the allowed origins.',
          });
        }
      },
      [ts.SyntaxKind.PropertyAssignment]: (property) => {
        // headers: { 'Access-Control-Allow-Origin': '*' }
        const name = ts.isStringLiteral(property.name) ? property.name.text : undefined;
        if (name?.toLowerCase() !== 'access-control-allow-origin' || staticString(file, property.initializer) !== '*')
          return;
        if (objectProperty(property.parent, name) !== property) return;
        if (onlyOAuthEndpoints(file, enclosingHandler(property) ?? property)) return;
        context.report({
          start: file.start(property.initializer),
          end: property.initializer.end,
          message: 'Access-Control-Allow-Origin: * lets any website read these responses. Name the allowed origins.',
        });
      },
    };
  },
};
