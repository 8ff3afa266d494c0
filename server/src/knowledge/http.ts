// Recognizing the web-server and logging shapes rules care about: request objects, response
// calls, caught errors and logger calls.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import type { CallFilter } from '../languages/typescript/rule';
import { bindingOfIdentifier } from '../languages/typescript/modules';
import { skipOuterExpressions, variableInitializer } from '../languages/typescript/values';

const loggerModules = ['winston', 'pino', 'bunyan', 'loglevel', 'log4js', 'signale', 'consola', 'tslog', 'roarr'];
const consoleMethods = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']);
const loggerMethods = new Set([
  'log',
  'info',
  'warn',
  'warning',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'silly',
  'http',
  'notice',
  'critical',
  'crit',
  'alert',
  'emerg',
]);

/** The calls isLoggingCall can accept, for a rule's `calls` filter. */
export const loggingCalls: CallFilter = { names: new Set([...consoleMethods, ...loggerMethods]) };
const loggerNames =
  /^(?:_?logger|_?log|this\.logger|this\.log|this\._logger|app\.log|fastify\.log|request\.log|req\.log|server\.log)$/;

/** The root identifier of a property chain: `a` for `a.b.c` and `a['b'].c`. */
export function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let e = skipOuterExpressions(expression);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e))
    e = skipOuterExpressions(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

function comesFromLoggerModule(file: TsFile, identifier: ts.Identifier): boolean {
  const binding = bindingOfIdentifier(file, identifier);
  if (binding) return loggerModules.includes(binding.module);
  const init = variableInitializer(file, identifier);
  if (!init) return false;
  const root = rootIdentifier(init);
  if (!root || root === identifier) return false;
  const rootBinding = bindingOfIdentifier(file, root);
  return rootBinding !== undefined && loggerModules.includes(rootBinding.module);
}

/** `console.log(...)`, `logger.info(...)`, a winston/pino logger's methods. */
export function isLoggingCall(file: TsFile, call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  const object = skipOuterExpressions(callee.expression);
  if (ts.isIdentifier(object) && object.text === 'console')
    return consoleMethods.has(method) && file.resolve(object) === undefined;
  if (!loggerMethods.has(method)) return false;
  const objectText = file.textOf(object);
  if (loggerNames.test(objectText)) return true;
  return ts.isIdentifier(object) && comesFromLoggerModule(file, object);
}

function functionOf(parameter: ts.ParameterDeclaration): ts.SignatureDeclaration {
  return parameter.parent;
}

const requestTypeNames =
  /^(?:Request|IncomingMessage|FastifyRequest|NextRequest|NextApiRequest|express\.Request|http\.IncomingMessage)$/;
const responseParameterNames = new Set(['res', 'response', 'reply', 'resp', 'h']);

/** Whether an identifier names an HTTP request object (a handler's `req`). */
export function isRequestIdentifier(file: TsFile, identifier: ts.Identifier): boolean {
  const name = identifier.text;
  if (name !== 'req' && name !== 'request') return false;
  const declaration = file.resolve(identifier);
  if (name === 'req') return declaration === undefined || ts.isParameter(declaration);
  if (!declaration || !ts.isParameter(declaration)) return false;
  if (declaration.type) {
    const typeText = declaration.type.getText(file.sourceFile);
    const generic = typeText.indexOf('<');
    if (requestTypeNames.test(generic < 0 ? typeText : typeText.slice(0, generic))) return true;
  }
  return functionOf(declaration).parameters.some(
    (p) => ts.isIdentifier(p.name) && responseParameterNames.has(p.name.text),
  );
}

const errorParameterNames = /^(?:e|err|error|ex|exc|exception|reason|cause)$/i;

/** Whether an identifier is a caught error: a `catch` binding or an error callback parameter. */
export function isErrorIdentifier(file: TsFile, identifier: ts.Identifier): boolean {
  const declaration = file.resolve(identifier);
  if (!declaration) return false;
  if (ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent)) return true;
  if (
    ts.isParameter(declaration) &&
    ts.isIdentifier(declaration.name) &&
    errorParameterNames.test(declaration.name.text)
  ) {
    const fn = functionOf(declaration);
    // `.catch(err => …)`, `(err, req, res, next) =>` error middleware, node-style `(err, data) =>` callbacks.
    return (
      fn.parameters[0] === declaration ||
      (ts.isCallExpression(fn.parent) &&
        ts.isPropertyAccessExpression(fn.parent.expression) &&
        fn.parent.expression.name.text === 'catch')
    );
  }
  return false;
}

/** The methods asResponseCall recognises (a call filter's names). */
export const responseMethods: ReadonlySet<string> = new Set([
  'json',
  'send',
  'end',
  'write',
  'jsonp',
  'sendStatus',
  'render',
]);
const responseObjects = new Set(['res', 'response', 'reply', 'resp', 'ctx.res']);

export interface ResponseCall {
  call: ts.CallExpression;
  /** The status code set in the same chain (`res.status(500).json(…)`), when literal. */
  status?: number;
}

/** `res.json(x)`, `res.status(500).send(x)`, `reply.code(500).send(x)`. */
export function asResponseCall(file: TsFile, call: ts.CallExpression): ResponseCall | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !responseMethods.has(callee.name.text)) return undefined;
  let object = skipOuterExpressions(callee.expression);
  let status: number | undefined;
  while (
    ts.isCallExpression(object) &&
    ts.isPropertyAccessExpression(object.expression) &&
    ['status', 'code', 'type', 'set', 'header', 'setHeader'].includes(object.expression.name.text)
  ) {
    const method = object.expression.name.text;
    if (
      (method === 'status' || method === 'code') &&
      object.arguments.length > 0 &&
      ts.isNumericLiteral(object.arguments[0])
    )
      status = Number(object.arguments[0].text);
    object = skipOuterExpressions(object.expression.expression);
  }
  if (!responseObjects.has(file.textOf(object))) return undefined;
  return status === undefined ? { call } : { call, status };
}
