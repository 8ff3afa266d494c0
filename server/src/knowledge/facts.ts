// Facts every TypeScript file contributes to workspace analysis, whichever rules are enabled:
// which security-relevant modules it imports, whether it serves HTTPS or handles errors. Cheap by
// design: they reuse the import list rules already compute, and two text scans.
import { FACT } from '../core/facts';
import type { DraftFact } from '../core/language';
import type { TsFile } from '../languages/typescript/file';
import { moduleImports } from '../languages/typescript/modules';
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

/** An HTTPS (or HTTP/2 TLS) server in the file. */
export const httpsServerPattern = /\b(?:https|http2)\.create(?:Secure)?Server\b|\bcreateSecureServer\b|\bhttps:\s*\{/;
/** An Express-style error middleware `(err, req, res, next)`, or a framework's error handler (fastify, koa). */
/** A `catch` that answers with a 5xx status (the guide's pattern: log it, send a generic message). */
const catchResponsePattern = /\bcatch\s*\(\s*\w+\s*\)\s*\{(?:[^{}]|\{[^{}]{0,200}\}){0,400}?\.status\(5\d\d\)/;
const errorHandlerPattern =
  /\((?:err|error)\b[^,()]{0,80},\s*(?:req|request)\b[^,()]{0,80},\s*(?:res|response|reply)\b[^,()]{0,80},\s*next\b|\bsetErrorHandler\(|\bapp\.on\(['"]error['"]/;

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
  if (/\bloadEnvFile\s*\(/.test(file.text)) {
    const at = file.text.search(/\bloadEnvFile\s*\(/);
    facts.push({ name: FACT.dotenv, value: 'process.loadEnvFile', start: at, end: at + 'loadEnvFile'.length });
  }
  for (const [name, pattern] of [
    [FACT.httpsServer, httpsServerPattern],
    [FACT.errorHandler, errorHandlerPattern],
    [FACT.errorHandler, catchResponsePattern],
  ] as const) {
    if (name === FACT.errorHandler && facts.some((f) => f.name === name)) continue;
    const match = pattern.exec(file.text);
    if (match)
      facts.push({
        name,
        value: match[0].replace(/\s+/g, ' ').slice(0, 60),
        start: match.index,
        end: match.index + match[0].length,
      });
  }
  return facts;
}
