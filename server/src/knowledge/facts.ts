// Facts every TypeScript file contributes to workspace analysis, whichever rules are enabled:
// which security-relevant modules it imports, whether it serves HTTPS or handles errors. Cheap by
// design: they reuse the import list and the node index rules already compute. Every fact comes
// from the tree, never from the text: a comment or a string that mentions code is not that code.
import ts from 'typescript';
import { FACT } from '../core/facts';
import type { DraftFact } from '../core/language';
import type { TsFile } from '../languages/typescript/file';
import { isModuleMember, moduleImports } from '../languages/typescript/modules';
import { calleeName, propertyNameText, skipOuterExpressions, staticString } from '../languages/typescript/values';
import { mountedAuthMiddleware } from './routes';

/** Modules that set security headers (helmet and its framework ports). */
export const securityHeaderModules = ['helmet', 'koa-helmet', '@fastify/helmet', 'lusca', 'hono/secure-headers'];
/** Request rate limiters. */
export const rateLimitModules = [
  'express-rate-limit',
  'rate-limiter-flexible',
  '@fastify/rate-limit',
  'fastify-rate-limit',
  'express-slow-down',
  'koa-ratelimit',
  'koa2-ratelimit',
  'hono-rate-limiter',
  'express-brute',
  '@upstash/ratelimit',
  'bottleneck',
];
/** Authentication libraries and middleware. */
export const authModules = [
  'passport',
  'express-jwt',
  'express-oauth2-jwt-bearer',
  'express-openid-connect',
  '@fastify/jwt',
  '@fastify/auth',
  '@fastify/basic-auth',
  'koa-jwt',
  'express-basic-auth',
  '@clerk/express',
  'hono/bearer-auth',
  'hono/jwt',
  'hono/basic-auth',
  'jsonwebtoken',
  'jose',
  'express-session',
  'next-auth',
  '@auth/express',
];
/** Structured loggers (the guide's "Logging configured"). */
export const structuredLoggerModules = [
  'winston',
  'pino',
  'pino-http',
  'bunyan',
  'log4js',
  'roarr',
  '@google-cloud/logging-winston',
  'express-winston',
];
/** Schema validation libraries (the guide's "Input validation"). */
export const validationModules = [
  'zod',
  'joi',
  '@hapi/joi',
  'ajv',
  'yup',
  'valibot',
  '@sinclair/typebox',
  'class-validator',
  'express-validator',
  'superstruct',
  'io-ts',
  'arktype',
  '@vinejs/vine',
];

/** Whether a module is an authentication library (listed, or `auth` in its name). */
export function isAuthModule(module: string): boolean {
  return authModules.includes(module) || /auth/i.test(module);
}

/** Modules whose `createServer` serves TLS. */
const tlsServerModules = ['https', 'spdy'];

/**
 * The code that makes the file serve HTTPS (or HTTP/2 over TLS): `https.createServer(…)`,
 * `http2.createSecureServer(…)`, `createServer` imported from `https` (or spdy), or a framework's
 * `https: { key, cert }` option (fastify). Read from the tree: a comment or a string that
 * mentions one is not one. Cached per file.
 */
export function httpsServerIn(file: TsFile): { node: ts.Node; text: string } | undefined {
  return file.cached('httpsServer', findHttpsServer);
}

function findHttpsServer(file: TsFile): { node: ts.Node; text: string } | undefined {
  const text = file.text;
  if (text.includes('createServer') || text.includes('createSecureServer')) {
    for (const call of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
      const callee = skipOuterExpressions(call.expression);
      const name = calleeName(callee);
      if (name !== 'createServer' && name !== 'createSecureServer') continue;
      // `http2.createServer` is cleartext HTTP/2; its TLS server is createSecureServer.
      const byName =
        name === 'createSecureServer' ||
        (ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 'https');
      if (byName || isModuleMember(file, callee, tlsServerModules, ['createServer']))
        return { node: call, text: file.textOf(callee) };
    }
  }
  if (text.includes('https')) {
    for (const property of file.nodesOfKind(ts.SyntaxKind.PropertyAssignment) as readonly ts.PropertyAssignment[]) {
      if (
        propertyNameText(property.name) === 'https' &&
        ts.isObjectLiteralExpression(skipOuterExpressions(property.initializer))
      )
        return { node: property, text: 'https: { … }' };
    }
  }
  return undefined;
}

const errorParameter = /^_?(?:err|error)$/;
const requestParameter = /^_?(?:req|request)$/;
const responseParameter = /^_?(?:res|response|reply)$/;
const nextParameter = /^_?next$/;
// A function, not a module-level array: a module-level use of `ts` loads the compiler in every
// bundle that imports this file, the CLI's and the server's main threads included.
const functionKinds = (): readonly ts.SyntaxKind[] => [
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodDeclaration,
];

/**
 * Where the file handles errors for its app: an Express-style error middleware
 * `(err, req, res, next)`, a framework's error handler (`setErrorHandler(…)`, Koa's
 * `app.on('error', …)`), or else a `catch` that answers with a 5xx status (the guide's pattern:
 * log it, send a generic message). From the tree, never from comments.
 */
function errorHandlerIn(file: TsFile): { node: ts.Node; text: string } | undefined {
  for (const kind of functionKinds()) {
    for (const node of file.nodesOfKind(kind) as readonly ts.SignatureDeclaration[]) {
      const names = node.parameters.slice(0, 4).map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
      if (
        names.length === 4 &&
        errorParameter.test(names[0]) &&
        requestParameter.test(names[1]) &&
        responseParameter.test(names[2]) &&
        nextParameter.test(names[3])
      )
        return { node, text: `(${names.join(', ')})` };
    }
  }
  const text = file.text;
  if (text.includes('setErrorHandler') || text.includes('.on(')) {
    for (const call of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
      const callee = skipOuterExpressions(call.expression);
      const name = calleeName(callee);
      if (name === 'setErrorHandler') return { node: call, text: `${file.textOf(callee)}(` };
      if (
        name === 'on' &&
        ts.isPropertyAccessExpression(callee) &&
        file.textOf(callee.expression) === 'app' &&
        call.arguments[0] !== undefined &&
        staticString(file, call.arguments[0]) === 'error'
      )
        return { node: call, text: "app.on('error'" };
    }
  }
  for (const clause of file.nodesOfKind(ts.SyntaxKind.CatchClause) as readonly ts.CatchClause[]) {
    const status = serverErrorStatus(clause.block);
    if (status) return { node: clause, text: `catch … .status(${status})` };
  }
  return undefined;
}

/** The first `.status(5xx)` called in a block (`res.status(500).json(…)`). */
function serverErrorStatus(block: ts.Block): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'status' &&
      node.arguments.length === 1 &&
      ts.isNumericLiteral(node.arguments[0]) &&
      /^5\d\d$/.test(node.arguments[0].text)
    ) {
      found = node.arguments[0].text;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(block);
  return found;
}

/** `process.loadEnvFile()` (Node's built-in .env loader), or `loadEnvFile()` called by that name. */
function loadEnvFileCall(file: TsFile): ts.Node | undefined {
  if (!file.text.includes('loadEnvFile')) return undefined;
  for (const call of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
    const callee = skipOuterExpressions(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
    if (name?.text === 'loadEnvFile') return name;
  }
  return undefined;
}

const moduleFacts: Array<{ name: string; matches: (module: string) => boolean }> = [
  { name: FACT.securityHeaders, matches: (m) => securityHeaderModules.includes(m) },
  { name: FACT.rateLimit, matches: (m) => rateLimitModules.includes(m) },
  { name: FACT.auth, matches: isAuthModule },
  { name: FACT.structuredLogger, matches: (m) => structuredLoggerModules.includes(m) },
  { name: FACT.inputValidation, matches: (m) => validationModules.includes(m) },
  {
    name: FACT.dotenv,
    matches: (m) => m === 'dotenv' || m === 'dotenv/config' || m === 'dotenv-safe' || m === '@dotenvx/dotenvx',
  },
];

export function typeScriptFacts(file: TsFile): DraftFact[] {
  const facts: DraftFact[] = [];
  for (const [module, node] of moduleImports(file)) {
    for (const fact of moduleFacts)
      if (fact.matches(module)) facts.push({ name: fact.name, value: module, start: file.start(node), end: node.end });
  }
  // Authentication middleware mounted on an app or router (possibly one passed in from another file).
  if (file.text.includes('.use(')) {
    const auth = mountedAuthMiddleware(file);
    if (auth) facts.push({ name: FACT.auth, value: 'middleware', start: file.start(auth), end: auth.end });
  }
  const envFile = loadEnvFileCall(file);
  if (envFile)
    facts.push({ name: FACT.dotenv, value: 'process.loadEnvFile', start: file.start(envFile), end: envFile.end });
  for (const [name, found] of [
    [FACT.httpsServer, httpsServerIn(file)],
    [FACT.errorHandler, errorHandlerIn(file)],
  ] as const) {
    if (found)
      facts.push({
        name,
        value: found.text.replace(/\s+/g, ' ').slice(0, 60),
        start: file.start(found.node),
        end: found.node.end,
      });
  }
  return facts;
}
