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
    // `.catch(err => …)`
    if (
      ts.isCallExpression(fn.parent) &&
      ts.isPropertyAccessExpression(fn.parent.expression) &&
      fn.parent.expression.name.text === 'catch'
    )
      return true;
    if (fn.parameters[0] !== declaration) return false;
    // `(err, req, res, next) =>` error middleware, node-style `(err, data) =>` and `on('error', err => …)` callbacks.
    if (fn.parameters.length >= 4 || isCallback(fn)) return true;
    // A helper of the code's own (`function toolError(error: string)`): an error only when a
    // caller hands it one, or, with no caller in the file, when its type does not say string.
    return helperReceivesError(file, fn, declaration);
  }
  return false;
}

/** A function written as the argument of a call (a callback), through parentheses. */
function isCallback(fn: ts.SignatureDeclaration): boolean {
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)) && node.parent.expression !== node;
}

function helperReceivesError(file: TsFile, fn: ts.SignatureDeclaration, parameter: ts.ParameterDeclaration): boolean {
  const name = helperName(fn);
  const calls: ts.CallExpression[] = [];
  if (name) {
    for (const call of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
      const callee = skipOuterExpressions(call.expression);
      const called = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
      if (called?.text === name && !isWithin(call, fn)) calls.push(call);
    }
  }
  if (calls.length > 0) return calls.some((call) => !call.arguments[0] || !isOwnWords(file, call.arguments[0]));
  return !isStringType(parameter.type);
}

/** The name a helper is called by: its declaration's, or the variable or property holding it. */
function helperName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name))
    return fn.name.text;
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const holder = node.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name))
    return holder.name.text;
  return undefined;
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** `string`, a string literal type, a template literal type, or a union of them. */
function isStringType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (type.kind === ts.SyntaxKind.StringKeyword || ts.isTemplateLiteralTypeNode(type)) return true;
  if (ts.isLiteralTypeNode(type)) return ts.isStringLiteral(type.literal);
  if (ts.isUnionTypeNode(type)) return type.types.every(isStringType);
  if (ts.isParenthesizedTypeNode(type)) return isStringType(type.type);
  return false;
}

/**
 * Words the code wrote: a string literal, or a template or concatenation of literals and values
 * none of which is a caught error (`` `Unknown tool: ${name}` ``).
 */
export function isOwnWords(file: TsFile, expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(e)) return true;
  const building =
    ts.isTemplateExpression(e) || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken);
  return building && !mentionsCaughtError(file, e, 0);
}

/** Whether an expression reads a `catch` binding or a `.catch(err => …)` parameter, also through local variables. */
function mentionsCaughtError(file: TsFile, expression: ts.Node, depth: number): boolean {
  if (depth > 4) return true;
  if (ts.isIdentifier(expression)) {
    const declaration = file.resolve(expression);
    if (!declaration) return false;
    if (ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent)) return true;
    if (ts.isParameter(declaration)) {
      const fn = functionOf(declaration);
      return (
        ts.isCallExpression(fn.parent) &&
        ts.isPropertyAccessExpression(fn.parent.expression) &&
        fn.parent.expression.name.text === 'catch'
      );
    }
    const init = variableInitializer(file, expression);
    return init !== undefined && mentionsCaughtError(file, init, depth + 1);
  }
  if (ts.isPropertyAccessExpression(expression)) return mentionsCaughtError(file, expression.expression, depth);
  let found = false;
  ts.forEachChild(expression, (child) => {
    // Property names (`{ message: … }`) are not reads.
    if (!found && !(ts.isPropertyAssignment(expression) && child === expression.name))
      found = mentionsCaughtError(file, child, depth);
  });
  return found;
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
