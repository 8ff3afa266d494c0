// Where data comes from, inside one file: request objects of express/fastify/koa/http handlers,
// MCP tool handler arguments, process.argv and serverless events are sources. Values stay tainted
// through variables, destructuring, property access, templates, concatenation, string methods
// and simple wrapper functions defined in the file; validation results (schema.parse, Number())
// and calls we know nothing about are clean. A sink whose value passed a recognised check on
// the way (an early-exit `if` or an `assert`) is guarded.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import { isRequestIdentifier, rootIdentifier } from './http';
import { isToolHandler, toolFieldIsChecked } from './mcp';
import { bindingOfIdentifier, forEachIdentifier, isModuleMember } from '../languages/typescript/modules';
import { classFields, localFunction, returnedExpressions } from '../languages/typescript/declarations';
import { propertyNameText, skipOuterExpressions, variableInitializer } from '../languages/typescript/values';
import { fieldLooseness, schemaLooseness } from './schemas';
import type { DraftFinding } from '../core/rule';
import { shorten } from '../core/text';
import { SOURCE_SLOT, type FlowKind, type FlowTarget, type ParameterOrigin } from '../core/flows';
import { exportsFunctions, flowTarget, functionKey, isExportedKey } from '../languages/typescript/exports';

export type SourceKind = 'request' | 'tool-argument' | 'argv' | 'event';

export interface Source {
  kind: SourceKind;
  /** The source expression as written (`req.query.url`, `args`), shortened for messages. */
  text: string;
  /** Where the source is written, in offsets of the file. */
  start: number;
  end: number;
  /**
   * Set when the value reached the sink through a function of another workspace file
   * (`exec(buildCommand(args.x))`): tainted only if that function returns argument `index`.
   */
  via?: { target: FlowTarget; index: number; text: string };
}

export interface TaintOptions {
  /** A call whose result the sink considers safe even with tainted input (path.basename for paths). */
  sanitizes?: (file: TsFile, call: ts.CallExpression) => boolean;
  /** A template or concatenation the sink considers safe (a URL whose host is fixed). */
  safeComposite?: (file: TsFile, expression: ts.TemplateExpression | ts.BinaryExpression) => boolean;
  /** Source kinds the sink does not care about (a CLI reading the files named on its command line). */
  ignore?: readonly SourceKind[];
  /**
   * Request fields the sink does not care about, by the first property read (`params`, `headers`):
   * a NoSQL filter only fears values that can be objects, and route parameters are strings.
   */
  ignoreFields?: ReadonlySet<string>;
  /** Names these options so answers are shared between sinks of a file (same key, same options). */
  key?: string;
  /** The flow kind these options are (see taintOptions), for what calls into other files must return. */
  kind?: FlowKind;
}

const requestProperties = new Set([
  'body',
  'query',
  'params',
  'headers',
  'cookies',
  'signedCookies',
  'url',
  'originalUrl',
  'path',
  'files',
  'file',
  'rawBody',
]);
const koaProperties = new Set([
  'body',
  'query',
  'params',
  'headers',
  'header',
  'cookies',
  'url',
  'originalUrl',
  'path',
  'querystring',
]);
const requestMethods = new Set(['get', 'header', 'param', 'query']);
const eventProperties = new Set([
  'body',
  'queryStringParameters',
  'multiValueQueryStringParameters',
  'pathParameters',
  'headers',
  'rawPath',
  'rawQueryString',
]);
const stringMethods = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'slice',
  'substring',
  'substr',
  'replace',
  'replaceAll',
  'split',
  'concat',
  'toString',
  'join',
  'at',
  'padStart',
  'padEnd',
  'normalize',
  'valueOf',
  'repeat',
  'map',
  'filter',
  'flat',
  'find',
  'pop',
  'shift',
  'get',
  'getAll',
]);
const passThroughFunctions = new Set([
  'String',
  'decodeURIComponent',
  'decodeURI',
  'unescape',
  'JSON.parse',
  'Buffer.from',
  'Object.values',
  'Object.assign',
  'Array.from',
  'structuredClone',
]);
/** Package functions whose result is made of their arguments (by module, the exported names). */
const packagePassThrough: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['spawn-rx', new Set(['findActualExecutable'])],
]);
const pathFunctions = ['join', 'resolve', 'normalize', 'format', 'relative', 'dirname', 'toNamespacedPath'];
/** Calls that validate: their results are clean. */
const validatingMethods = new Set([
  'parse',
  'parseAsync',
  'safeParse',
  'safeParseAsync',
  'validate',
  'validateSync',
  'validateAsync',
  'cast',
  'assert',
  'decode',
  'Check',
  'Decode',
]);
const numericFunctions = new Set([
  'Number',
  'parseInt',
  'parseFloat',
  'Boolean',
  'BigInt',
  'Math.floor',
  'Math.round',
  'Math.ceil',
  'Math.abs',
  'Math.min',
  'Math.max',
  'Number.parseInt',
  'Number.parseFloat',
]);

const MAX_DEPTH = 14;
/** Schema methods whose result is the validated value. */
const parseMethods = new Set(['parse', 'parseAsync', 'safeParse', 'safeParseAsync']);

/**
 * Whether `object.field` reads a field that a schema parse checked: `object` is (a variable
 * holding) `Schema.parse(x)` or a `safeParse` result's `data`, and the schema constrains `field`.
 */
function parsedFieldIsChecked(file: TsFile, object: ts.Expression, field: string, direct = false): boolean {
  let e = skipOuterExpressions(object);
  if (!direct && ts.isPropertyAccessExpression(e) && e.name.text === 'data') e = skipOuterExpressions(e.expression);
  if (ts.isIdentifier(e)) {
    // `args.mode` in a tool handler whose input schema checks `mode`.
    const declaration = file.resolve(e);
    if (declaration && ts.isParameter(declaration) && declaration.parent.parameters[0] === declaration)
      return toolFieldIsChecked(file, declaration.parent, field);
    const init = variableInitializer(file, e);
    if (!init) return false;
    e = skipOuterExpressions(init);
  }
  if (ts.isAwaitExpression(e)) e = skipOuterExpressions(e.expression);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
  if (!parseMethods.has(e.expression.name.text)) return false;
  return fieldLooseness(file, e.expression.expression, field) === 'constrained';
}
const sanitizerNames =
  /^(?:validate|sanitize|safe|assert|ensure|check|verify|allow|escape|resolveInside|isPathInside)/i;

function calleeName(callee: ts.Expression): string {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression))
    return `${callee.expression.text}.${callee.name.text}`;
  return '';
}

/**
 * The calls of the file whose callee is the identifier `name`, and the values assigned to `name`
 * (`name = …`, `name += …`), in source order. A few names are found by text and confirmed in the
 * tree (a pass of one literal pattern); a file asked about many gets one walk that indexes all.
 */
interface FileIndex {
  callsByName: Map<string, ts.CallExpression[]>;
  assignmentsByName: Map<string, ts.Expression[]>;
  /** Set once the whole file is indexed: every name is then in the maps or has no entry. */
  complete: boolean;
}

/** Distinct names looked up by text before one walk indexes the whole file. */
const NAMES_BY_TEXT = 8;

/** The calls of the file whose callee is `name` (`name(…)`), from the file's index. */
export function callsNamed(file: TsFile, name: string): readonly ts.CallExpression[] {
  return lookUp(file, name).callsByName.get(name) ?? [];
}

function assignmentsTo(file: TsFile, name: string): readonly ts.Expression[] {
  return lookUp(file, name).assignmentsByName.get(name) ?? [];
}

function lookUp(file: TsFile, name: string): FileIndex {
  const index = file.cached('taintIndex', newIndex);
  if (index.complete || index.callsByName.has(name)) return index;
  if (index.callsByName.size >= NAMES_BY_TEXT) {
    indexWholeFile(file, index);
    return index;
  }
  const calls: ts.CallExpression[] = [];
  const assignments: ts.Expression[] = [];
  forEachIdentifier(file, [name], (identifier) => {
    const parent = identifier.parent;
    if (ts.isCallExpression(parent) && parent.expression === identifier) calls.push(parent);
    else if (isAssignmentTo(parent, identifier)) assignments.push(parent.right);
  });
  index.callsByName.set(name, calls);
  index.assignmentsByName.set(name, assignments);
  return index;
}

const newIndex = (): FileIndex => ({ callsByName: new Map(), assignmentsByName: new Map(), complete: false });

function isAssignmentTo(node: ts.Node, identifier: ts.Identifier): node is ts.BinaryExpression {
  return (
    ts.isBinaryExpression(node) &&
    node.left === identifier &&
    (node.operatorToken.kind === ts.SyntaxKind.EqualsToken || node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
  );
}

function indexWholeFile(file: TsFile, index: FileIndex): void {
  index.callsByName.clear();
  index.assignmentsByName.clear();
  const add = <T>(map: Map<string, T[]>, name: string, value: T): void => {
    const list = map.get(name);
    if (list) list.push(value);
    else map.set(name, [value]);
  };
  for (const node of file.nodesOfKind(ts.SyntaxKind.CallExpression))
    if (ts.isIdentifier(node.expression)) add(index.callsByName, node.expression.text, node);
  for (const node of file.nodesOfKind(ts.SyntaxKind.BinaryExpression))
    if (ts.isIdentifier(node.left) && isAssignmentTo(node, node.left))
      add(index.assignmentsByName, node.left.text, node.right);
  index.complete = true;
}

/** A Koa context parameter: `ctx` whose `request`, `query`, `params` or `headers` are read. */
function isKoaContext(file: TsFile, identifier: ts.Identifier): boolean {
  if (identifier.text !== 'ctx') return false;
  const declaration = file.resolve(identifier);
  return declaration !== undefined && ts.isParameter(declaration);
}

function isServerlessEvent(file: TsFile, identifier: ts.Identifier): boolean {
  if (identifier.text !== 'event' && identifier.text !== 'evt') return false;
  const declaration = file.resolve(identifier);
  if (!declaration || !ts.isParameter(declaration)) return false;
  const fn = declaration.parent;
  if (fn.parameters[0] !== declaration) return false;
  const second = fn.parameters[1];
  if (second && ts.isIdentifier(second.name) && /^(?:context|ctx)$/.test(second.name.text)) return true;
  const named = ts.isFunctionDeclaration(fn)
    ? fn.name?.text
    : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)
      ? fn.parent.name.text
      : undefined;
  return (
    named === 'handler' ||
    (declaration.type !== undefined && /APIGateway|Lambda|Handler/.test(declaration.type.getText(file.sourceFile)))
  );
}

/** The property names read from `root` in an access chain, outermost last: `req.query.url` -> ['query', 'url']. */
function accessPath(expression: ts.Expression): { root: ts.Expression; path: string[] } {
  const path: string[] = [];
  let e = skipOuterExpressions(expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(e)) {
      path.unshift(e.name.text);
      e = skipOuterExpressions(e.expression);
    } else if (ts.isElementAccessExpression(e)) {
      path.unshift(ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : '[]');
      e = skipOuterExpressions(e.expression);
    } else break;
  }
  return { root: e, path };
}

/** Whether a request source is read through a field the sink ignores (`req.params.id`, `ctx.request.headers`). */
function ignoredField(fields: ReadonlySet<string>, source: ts.Expression): boolean {
  const e = skipOuterExpressions(source);
  if (ts.isCallExpression(e)) return true; // req.get('host'), req.header(…), req.param(…): strings
  const { path } = accessPath(e);
  const first = path[0] === 'request' ? path[1] : path[0];
  return first !== undefined && fields.has(first);
}

/** A source read directly: `req.body.x`, `ctx.request.query`, `process.argv[2]`, `event.body`, `req.get('host')`. */
function directSource(file: TsFile, expression: ts.Expression): Source | undefined {
  const e = skipOuterExpressions(expression);
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    requestMethods.has(e.expression.name.text)
  ) {
    const object = skipOuterExpressions(e.expression.expression);
    if (ts.isIdentifier(object) && isRequestIdentifier(file, object))
      return { kind: 'request', text: shorten(file.textOf(e)), start: file.start(e), end: e.end };
  }
  const { root, path } = accessPath(e);
  if (!ts.isIdentifier(root) || path.length === 0) return undefined;
  if (root.text === 'process' && path[0] === 'argv' && file.resolve(root) === undefined)
    return { kind: 'argv', text: shorten(file.textOf(e)), start: file.start(e), end: e.end };
  if (requestProperties.has(path[0]) && isRequestIdentifier(file, root))
    return { kind: 'request', text: shorten(file.textOf(e)), start: file.start(e), end: e.end };
  if (isKoaContext(file, root)) {
    const first = path[0] === 'request' ? path[1] : path[0];
    if (first !== undefined && koaProperties.has(first))
      return { kind: 'request', text: shorten(file.textOf(e)), start: file.start(e), end: e.end };
  }
  if (eventProperties.has(path[0]) && isServerlessEvent(file, root))
    return { kind: 'event', text: shorten(file.textOf(e)), start: file.start(e), end: e.end };
  // setRequestHandler(CallToolRequestSchema, (request) => … request.params.arguments …)
  if (path[0] === 'params' && path[1] === 'arguments') {
    const declaration = file.resolve(root);
    if (declaration && ts.isParameter(declaration) && isToolHandler(file, declaration.parent) === 'request')
      return { kind: 'tool-argument', text: shorten(file.textOf(e)), start: file.start(e), end: e.end };
  }
  return undefined;
}

interface Walk {
  file: TsFile;
  options: TaintOptions;
  visiting: Set<ts.Node>;
  /** Results already known in this file for these options (shared by every sink that uses the same key). */
  memo: Map<ts.Node, Source | null>;
  /** Nodes left to examine: following call sites through a large file's call graph must stay bounded. */
  budget: number;
  /**
   * When set, the walk also collects the parameters of exported functions it reaches (where
   * other files' callers would take over): see `parameterOrigins`.
   */
  origins?: ParameterOrigin[];
  /**
   * With `origins`: only the parameters of this function are asked about (what it returns, for
   * its traits); the walk stops at any parameter instead of following the file's call sites.
   */
  within?: ts.SignatureDeclaration;
}

/** Nodes one question may examine; beyond that the value is treated as clean (never a false positive). */
const STEP_BUDGET = 4000;
/** Call sites examined per function when following a parameter back to its callers. */
const MAX_CALL_SITES = 40;

const newMemoTable = (): Map<string, Map<ts.Node, Source | null>> => new Map();

function memoFor(file: TsFile, key: string | undefined): Map<ts.Node, Source | null> {
  if (key === undefined) return new Map();
  const memos = file.cached('taint', newMemoTable);
  let memo = memos.get(key);
  if (!memo) memos.set(key, (memo = new Map()));
  return memo;
}

/** The source an expression's value derives from, or undefined when it is clean as far as we can tell. */
export function taintOf(
  file: TsFile,
  expression: ts.Expression,
  options: TaintOptions = {},
  budget = STEP_BUDGET,
): Source | undefined {
  const source = taintThrough(file, expression, options, budget);
  // Through another file's function, the value is tainted only if that function says so: not here.
  return source?.via ? undefined : source;
}

/** As taintOf, and also a value that is tainted if a function of another file returns its argument. */
function taintThrough(
  file: TsFile,
  expression: ts.Expression,
  options: TaintOptions,
  budget = STEP_BUDGET,
): Source | undefined {
  const source = taint(
    {
      file,
      options,
      visiting: new Set(),
      memo: memoFor(file, options.key ?? (options.sanitizes || options.safeComposite ? undefined : 'plain')),
      budget,
    },
    expression,
    0,
  );
  return source && options.ignore?.includes(source.kind) ? undefined : source;
}

/**
 * The parameters of this file's exported functions that `expression`'s value derives from, for
 * a sink that no source of this file reaches: calls from other files decide whether it is
 * tainted. Empty when the file exports no function. A walk of its own (the shared answers say
 * only "clean"), bound by the same budget.
 */
export function parameterOrigins(
  file: TsFile,
  expression: ts.Expression,
  kind: FlowKind,
  within?: ts.SignatureDeclaration,
  budget = STEP_BUDGET,
): ParameterOrigin[] {
  if (!exportsFunctions(file)) return [];
  const origins: ParameterOrigin[] = [];
  const options = taintOptions[kind];
  const walk: Walk = { file, options, visiting: new Set(), memo: new Map(), budget, origins };
  if (within) walk.within = within;
  taint(walk, expression, 0);
  return distinctOrigins(origins);
}

function distinctOrigins(origins: readonly ParameterOrigin[]): ParameterOrigin[] {
  const seen = new Set<string>();
  return origins.filter((o) => {
    const key = `${o.fn}:${o.index}:${o.property ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function taint(walk: Walk, expression: ts.Expression, depth: number): Source | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = skipOuterExpressions(expression);
  if (walk.visiting.has(e) || walk.budget <= 0) return undefined;
  const known = walk.memo.get(e);
  if (known !== undefined) return known ?? undefined;
  walk.budget--;
  walk.visiting.add(e);
  const result = taintUncached(walk, e, depth);
  walk.visiting.delete(e);
  // An answer cut short by the budget is not the whole answer: do not share it.
  if (walk.budget > 0) walk.memo.set(e, result ?? null);
  return result;
}

function taintUncached(walk: Walk, e: ts.Expression, depth: number): Source | undefined {
  const { file } = walk;
  {
    const direct = directSource(file, e);
    if (direct) return walk.options.ignoreFields && ignoredField(walk.options.ignoreFields, e) ? undefined : direct;
    const next = (x: ts.Expression | undefined): Source | undefined => (x ? taint(walk, x, depth + 1) : undefined);

    if (ts.isIdentifier(e)) return identifierTaint(walk, e, depth);
    if (ts.isPropertyAccessExpression(e)) {
      if (e.name.text === 'length' || parsedFieldIsChecked(file, e.expression, e.name.text)) return undefined;
      // `this.command` set by the constructor, `helper.commandLine` a getter of a class of this file.
      const member = memberValueTaint(walk, e, depth);
      if (member !== false) return member;
      return next(e.expression);
    }
    if (ts.isElementAccessExpression(e)) return next(e.expression);
    if (ts.isAwaitExpression(e) || ts.isSpreadElement(e)) return next(e.expression);
    if (ts.isTemplateExpression(e)) {
      if (walk.options.safeComposite?.(file, e)) return undefined;
      for (const span of e.templateSpans) {
        const found = next(span.expression);
        if (found) return found;
      }
      return undefined;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) {
        if (walk.options.safeComposite?.(file, e)) return undefined;
        return next(e.left) ?? next(e.right);
      }
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
        return next(e.left) ?? next(e.right);
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) return next(e.right);
      return undefined;
    }
    if (ts.isConditionalExpression(e)) return next(e.whenTrue) ?? next(e.whenFalse);
    if (ts.isArrayLiteralExpression(e)) {
      for (const element of e.elements) {
        const found = next(element);
        if (found) return found;
      }
      return undefined;
    }
    if (ts.isObjectLiteralExpression(e)) {
      for (const property of e.properties) {
        const value = ts.isPropertyAssignment(property)
          ? property.initializer
          : ts.isShorthandPropertyAssignment(property)
            ? property.name
            : ts.isSpreadAssignment(property)
              ? property.expression
              : undefined;
        const found = next(value);
        if (found) return found;
      }
      return undefined;
    }
    if (ts.isTaggedTemplateExpression(e)) return undefined;
    if (ts.isNewExpression(e)) {
      // new URL(x), new URL(x, base): an absolute x overrides the base.
      const name = calleeName(e.expression);
      if ((name === 'URL' || name === 'url.URL') && e.arguments && e.arguments.length > 0) return next(e.arguments[0]);
      if (name === 'Request' && e.arguments && e.arguments.length > 0) return next(e.arguments[0]);
      return undefined;
    }
    if (ts.isCallExpression(e)) return callTaint(walk, e, depth);
    return undefined;
  }
}

function callTaint(walk: Walk, call: ts.CallExpression, depth: number): Source | undefined {
  const { file } = walk;
  if (walk.options.sanitizes?.(file, call)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  const name = calleeName(callee);
  const next = (x: ts.Expression | undefined): Source | undefined => (x ? taint(walk, x, depth + 1) : undefined);
  if (numericFunctions.has(name)) return undefined;
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    // JSON.parse turns text into whatever the text says: no check.
    if (name === 'JSON.parse') return call.arguments.length > 0 ? next(call.arguments[0]) : undefined;
    if (validatingMethods.has(method)) {
      // A zod parse passes through what its schema leaves unchecked: `z.string()` is any string.
      if (parseMethods.has(method) && call.arguments.length > 0 && schemaLooseness(file, callee.expression) === 'loose')
        return next(call.arguments[0]);
      return undefined;
    }
    if (passThroughFunctions.has(name)) return call.arguments.length > 0 ? next(call.arguments[0]) : undefined;
    if (isModuleMember(file, callee, ['path', 'path/posix', 'path/win32', 'url'], pathFunctions)) {
      for (const argument of call.arguments) {
        const found = next(argument);
        if (found) return found;
      }
      return undefined;
    }
    if (stringMethods.has(method)) return next(callee.expression);
    // A method of a class or object of this file (`this.buildUrl(x)`, `client.endpoint(x)`):
    // tainted when one of its returned expressions is.
    const local = calledMethod(file, call);
    if (local) return returnedTaint(file, local, next);
    return throughOtherFile(walk, call, next);
  }
  if (ts.isIdentifier(callee)) {
    // validateUrl(x), sanitizePath(x), resolveInside(base, x): checking helpers return clean values.
    if (sanitizerNames.test(callee.text)) return undefined;
    if (passThroughFunctions.has(callee.text) && file.resolve(callee) === undefined)
      return call.arguments.length > 0 ? next(call.arguments[0]) : undefined;
    if (isModuleMember(file, callee, ['path', 'path/posix', 'path/win32'], pathFunctions)) {
      for (const argument of call.arguments) {
        const found = next(argument);
        if (found) return found;
      }
      return undefined;
    }
    // A wrapper defined in this file: tainted when one of its returned expressions is.
    const fn = localFunction(file, callee);
    if (fn) return returnedTaint(file, fn, next);
    // findActualExecutable(cmd, args) from spawn-rx: returns { cmd, args } made of its arguments.
    const binding = bindingOfIdentifier(file, callee);
    if (binding && packagePassThrough.get(binding.module)?.has(binding.imported)) {
      for (const argument of call.arguments) {
        const found = next(argument);
        if (found) return found;
      }
      return undefined;
    }
  }
  return throughOtherFile(walk, call, next);
}

/** `buildCommand(args.x)` imported from the workspace: tainted if that function returns the tainted argument. */
function throughOtherFile(
  walk: Walk,
  call: ts.CallExpression,
  next: (x: ts.Expression | undefined) => Source | undefined,
): Source | undefined {
  if (walk.origins) return undefined;
  const target = flowTarget(walk.file, call);
  if (!target) return undefined;
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee) && sanitizerNames.test(callee.text)) return undefined;
  if (ts.isPropertyAccessExpression(callee) && sanitizerNames.test(callee.name.text)) return undefined;
  for (let index = 0; index < Math.min(call.arguments.length, 8); index++) {
    const found = next(call.arguments[index]);
    if (found && !found.via) return { ...found, via: { target, index, text: shorten(walk.file.textOf(callee)) } };
  }
  return undefined;
}

/** The taint of what a function of this file returns (its expression body, or any `return`). */
function returnedTaint(
  file: TsFile,
  fn: ts.FunctionLikeDeclaration,
  next: (x: ts.Expression | undefined) => Source | undefined,
): Source | undefined {
  for (const returned of returnedExpressions(fn)) {
    // `validateMode(mode); return path.join(DIR, mode)`: what a helper returns after its own check is clean.
    if (ts.isBlock(fn.body!) && isGuarded(file, returned, returned)) continue;
    const found = next(returned);
    if (found) return found;
  }
  return undefined;
}

// ——— Methods: class members and object-literal members of this file ———

/** A function that is a member: a method, or a function-valued class field or object property. */
type Method = ts.MethodDeclaration | ts.FunctionExpression | ts.ArrowFunction;
/** What declares members: a class, or an object literal bound to a name. */
type Owner = ts.ClassLikeDeclaration | ts.ObjectLiteralExpression;

/** The member name of a function-like, and what declares it, when it is a member. */
function memberOf(fn: ts.SignatureDeclaration): { name: string; owner: Owner; isStatic: boolean } | undefined {
  const isStatic = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  if (
    ts.isMethodDeclaration(fn) &&
    ts.isIdentifier(fn.name) &&
    (ts.isClassLike(fn.parent) || ts.isObjectLiteralExpression(fn.parent))
  )
    return { name: fn.name.text, owner: fn.parent, isStatic: isStatic(fn) };
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const holder = fn.parent;
    if (
      ts.isPropertyDeclaration(holder) &&
      holder.initializer === fn &&
      ts.isIdentifier(holder.name) &&
      ts.isClassLike(holder.parent)
    )
      return { name: holder.name.text, owner: holder.parent, isStatic: isStatic(holder) };
    if (
      ts.isPropertyAssignment(holder) &&
      holder.initializer === fn &&
      ts.isIdentifier(holder.name) &&
      ts.isObjectLiteralExpression(holder.parent)
    )
      return { name: holder.name.text, owner: holder.parent, isStatic: false };
  }
  return undefined;
}

/** The member `name` of `owner`, if it declares it as a function. */
function memberNamed(owner: Owner, name: string): Method | undefined {
  const members: readonly (ts.ClassElement | ts.ObjectLiteralElementLike)[] = ts.isObjectLiteralExpression(owner)
    ? owner.properties
    : owner.members;
  for (const member of members) {
    if (!member.name || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
    if (ts.isMethodDeclaration(member) && member.body) return member;
    const value =
      ts.isPropertyDeclaration(member) || ts.isPropertyAssignment(member)
        ? member.initializer && skipOuterExpressions(member.initializer)
        : undefined;
    if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) return value;
  }
  return undefined;
}

/** The class a `new X(…)` makes, when X is a class of this file. */
function classMadeBy(file: TsFile, expression: ts.Expression | undefined): ts.ClassLikeDeclaration | undefined {
  const e = expression && skipOuterExpressions(expression);
  if (!e || !ts.isNewExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const declaration = file.resolve(e.expression);
  return declaration && ts.isClassLike(declaration) ? declaration : undefined;
}

/** The class a type annotation names, when it is a class of this file (`fetcher: Fetcher`). */
function classNamedBy(file: TsFile, type: ts.TypeNode | undefined): ts.ClassLikeDeclaration | undefined {
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  const declaration = file.resolve(type.typeName);
  return declaration && ts.isClassLike(declaration) ? declaration : undefined;
}

/**
 * What object a receiver holds, as far as this file tells: `this` (the enclosing class), a
 * class (`Tools.run(…)`), a variable or parameter made by `new X()` or typed `X`, `this.field`
 * assigned `new X()` (or typed `X`, or a constructor parameter property), or a variable bound to
 * an object literal. Anything else (a module, a parameter of unknown type) holds nothing known.
 */
function ownerHeldBy(
  file: TsFile,
  receiver: ts.Expression,
  from: ts.Node,
): { owner: Owner; isClassItself: boolean } | undefined {
  const e = skipOuterExpressions(receiver);
  if (e.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(from);
    // In a static method `this` is the class: `this.helper()` calls a static member.
    return cls ? { owner: cls, isClassItself: inStaticMember(from) } : undefined;
  }
  if (ts.isIdentifier(e)) {
    const declaration = file.resolve(e);
    if (!declaration) return undefined;
    if (ts.isClassLike(declaration)) return { owner: declaration, isClassItself: true };
    if (ts.isVariableDeclaration(declaration)) {
      const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
      if (init && ts.isObjectLiteralExpression(init)) return { owner: init, isClassItself: false };
      const cls = classMadeBy(file, declaration.initializer) ?? classNamedBy(file, declaration.type);
      return cls ? { owner: cls, isClassItself: false } : undefined;
    }
    if (ts.isParameter(declaration)) {
      const cls = classNamedBy(file, declaration.type);
      return cls ? { owner: cls, isClassItself: false } : undefined;
    }
    return undefined;
  }
  if (
    ts.isPropertyAccessExpression(e) &&
    skipOuterExpressions(e.expression).kind === ts.SyntaxKind.ThisKeyword &&
    ts.isIdentifier(e.name)
  ) {
    const cls = enclosingClass(from);
    const cls2 = cls && fieldClass(file, cls, e.name.text);
    return cls2 ? { owner: cls2, isClassItself: false } : undefined;
  }
  return undefined;
}

/**
 * The taint of `this.field` (a constructor parameter property, or what the class assigns to
 * `this.field`) or of a getter of a class of this file (`helper.commandLine`); `false` when the
 * access is neither and the object's own taint decides.
 */
function memberValueTaint(walk: Walk, access: ts.PropertyAccessExpression, depth: number): Source | undefined | false {
  const { file } = walk;
  const name = access.name.text;
  const object = skipOuterExpressions(access.expression);
  const held = ownerHeldBy(file, object, access);
  if (!held || !ts.isClassLike(held.owner)) return false;
  const cls = held.owner;
  for (const member of cls.members) {
    if (ts.isGetAccessorDeclaration(member) && member.name && ts.isIdentifier(member.name) && member.name.text === name)
      return returnedTaint(file, member, (x) => (x ? taint(walk, x, depth + 1) : undefined));
  }
  if (object.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const field = classFields(file, cls).get(name);
  if (!field) return false;
  for (const parameter of field.parameters) {
    const found = parameterTaint(walk, parameter, depth + 1);
    if (found) return found;
  }
  for (const value of field.values) {
    const found = taint(walk, value, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Whether `node` runs in a static member of its class (arrows keep the member's `this`). */
function inStaticMember(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return false;
    if (
      ts.isMethodDeclaration(n) ||
      ts.isPropertyDeclaration(n) ||
      ts.isGetAccessorDeclaration(n) ||
      ts.isClassStaticBlockDeclaration(n)
    )
      return (
        ts.isClassStaticBlockDeclaration(n) ||
        (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword)
      );
  }
  return false;
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n;
    // `this` inside a plain function is not the class's.
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
  }
  return undefined;
}

/** The class of a field of `cls`: declared `x = new X()` or `x: X`, a constructor parameter property, or `this.x = new X()`. */
function fieldClass(file: TsFile, cls: ts.ClassLikeDeclaration, name: string): ts.ClassLikeDeclaration | undefined {
  const field = classFields(file, cls).get(name);
  if (!field) return undefined;
  for (const value of field.values) {
    const found = classMadeBy(file, value);
    if (found) return found;
  }
  for (const type of field.types) {
    const found = classNamedBy(file, type);
    if (found) return found;
  }
  return undefined;
}

/** The member of this file a call calls (`this.m(…)`, `obj.m(…)`, `Cls.m(…)`), when the receiver says which. */
function calledMethod(file: TsFile, call: ts.CallExpression): Method | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return undefined;
  const held = ownerHeldBy(file, callee.expression, call);
  if (!held) return undefined;
  const method = memberNamed(held.owner, callee.name.text);
  if (!method) return undefined;
  const member = memberOf(method);
  // `Cls.m()` calls a static member; `new Cls().m()` an instance one.
  if (member && ts.isClassLike(held.owner) && member.isStatic !== held.isClassItself) return undefined;
  return method;
}

/** Calls `x.name(…)` of the file (a property access called), by name: a few found by text, then all in one walk. */
interface MemberCallIndex {
  byName: Map<string, ts.CallExpression[]>;
  complete: boolean;
}

/** Calls `x.name(…)` of the file (a property access called), in source order. */
function memberCallsNamed(file: TsFile, name: string): readonly ts.CallExpression[] {
  const index = file.cached('memberCalls', (): MemberCallIndex => ({ byName: new Map(), complete: false }));
  const known = index.byName.get(name);
  if (known || index.complete) return known ?? [];
  if (index.byName.size >= NAMES_BY_TEXT) {
    // Asked about many names (a large file of classes): one walk answers every later question.
    index.byName.clear();
    for (const call of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) continue;
      const list = index.byName.get(callee.name.text);
      if (list) list.push(call);
      else index.byName.set(callee.name.text, [call]);
    }
    index.complete = true;
    return index.byName.get(name) ?? [];
  }
  const found: ts.CallExpression[] = [];
  forEachIdentifier(file, [name], (identifier) => {
    const access = identifier.parent;
    if (
      ts.isPropertyAccessExpression(access) &&
      access.name === identifier &&
      ts.isCallExpression(access.parent) &&
      access.parent.expression === access
    )
      found.push(access.parent);
  });
  index.byName.set(name, found);
  return found;
}

/** Iteration and promise callbacks whose first parameter is an element (or the value) of the receiver. */
const elementCallbacks = new Set([
  'map',
  'forEach',
  'filter',
  'find',
  'findLast',
  'findIndex',
  'some',
  'every',
  'flatMap',
  'then',
]);

function identifierTaint(walk: Walk, identifier: ts.Identifier, depth: number): Source | undefined {
  const { file } = walk;
  const declaration = file.resolve(identifier);
  if (!declaration) return undefined;
  const next = (x: ts.Expression | undefined): Source | undefined => (x ? taint(walk, x, depth + 1) : undefined);
  if (ts.isVariableDeclaration(declaration)) {
    if (ts.isForOfStatement(declaration.parent.parent) || ts.isForInStatement(declaration.parent.parent))
      return next(declaration.parent.parent.expression);
    const fromInit = next(declaration.initializer);
    if (fromInit) return fromInit;
    if (ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) === 0) {
      for (const assigned of assignmentsTo(file, identifier.text)) {
        if (!mayReach(file, assigned, identifier, declaration)) continue;
        const found = next(assigned);
        if (found) return found;
      }
    }
    return undefined;
  }
  if (ts.isBindingElement(declaration)) return bindingElementTaint(walk, declaration, depth);
  if (ts.isParameter(declaration)) return parameterTaint(walk, declaration, depth);
  return undefined;
}

/**
 * Whether the value assigned (`name = value`, `value` given) may be what `use` reads: the same
 * variable, not written only later in straight-line code, not in another `case` of the switch
 * the use is in (`let command` reused by each case).
 */
function mayReach(file: TsFile, value: ts.Expression, use: ts.Identifier, declaration: ts.Node): boolean {
  const assignment = value.parent;
  if (
    ts.isBinaryExpression(assignment) &&
    ts.isIdentifier(assignment.left) &&
    file.resolve(assignment.left) !== declaration
  )
    return false;
  const clauseOf = (node: ts.Node): ts.CaseOrDefaultClause | undefined => {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isCaseClause(n) || ts.isDefaultClause(n)) return n;
      if (ts.isFunctionLike(n)) return undefined;
    }
    return undefined;
  };
  const useClause = clauseOf(use);
  const valueClause = clauseOf(value);
  if (useClause && valueClause && useClause !== valueClause && useClause.parent === valueClause.parent) return false;
  if (value.pos > use.end) {
    // Written after the read: it reaches it only round a loop.
    for (let n: ts.Node | undefined = use.parent; n; n = n.parent) {
      if (ts.isIterationStatement(n, false)) return n.pos <= value.pos && value.end <= n.end;
      if (ts.isFunctionLike(n)) return false;
    }
    return false;
  }
  return true;
}

function bindingElementTaint(walk: Walk, element: ts.BindingElement, depth: number): Source | undefined {
  // Climb to the declaration that owns the pattern.
  let node: ts.Node = element;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node))
    node = node.parent;
  if (ts.isVariableDeclaration(node)) {
    if (ts.isForOfStatement(node.parent.parent)) return taint(walk, node.parent.parent.expression, depth + 1);
    // `const { mode, path } = Args.parse(input)`: a field its schema checks is clean.
    const property = element.propertyName ?? element.name;
    if (
      element.parent.parent === node &&
      node.initializer &&
      ts.isIdentifier(property) &&
      parsedFieldIsChecked(walk.file, node.initializer, property.text, true)
    )
      return undefined;
    return node.initializer ? taint(walk, node.initializer, depth + 1) : undefined;
  }
  if (ts.isParameter(node)) {
    // `({ url, headers }) => …`: other files' callers pass `url` as a property of the argument.
    const property =
      element.parent.parent === node && ts.isObjectBindingPattern(element.parent)
        ? (element.propertyName ?? element.name)
        : undefined;
    return parameterTaint(walk, node, depth, property && ts.isIdentifier(property) ? property.text : undefined);
  }
  return undefined;
}

function parameterTaint(
  walk: Walk,
  parameter: ts.ParameterDeclaration,
  depth: number,
  property?: string,
): Source | undefined {
  // `async ({ mode }) => …` where the tool's schema makes `mode` an enum: the SDK checked it.
  if (property !== undefined && toolFieldIsChecked(walk.file, parameter.parent, property)) return undefined;
  if (walk.within) {
    const index = walk.within.parameters.indexOf(parameter);
    const key = index >= 0 ? functionKey(walk.within) : undefined;
    if (key) walk.origins?.push(property === undefined ? { fn: key, index } : { fn: key, index, property });
    return undefined;
  }
  const found = parameterTaintInFile(walk, parameter, depth, property);
  if (!found && walk.origins) {
    const fn = parameter.parent;
    const key = functionKey(fn);
    const index = fn.parameters.indexOf(parameter);
    if (key && index >= 0 && isExportedKey(walk.file, key))
      walk.origins.push(property === undefined ? { fn: key, index } : { fn: key, index, property });
  }
  return found;
}

function parameterTaintInFile(
  walk: Walk,
  parameter: ts.ParameterDeclaration,
  depth: number,
  property?: string,
): Source | undefined {
  const { file } = walk;
  const fn = parameter.parent;
  const handler = isToolHandler(file, fn);
  // A tool's arguments, or a whole CallTool request (`const { name, arguments: args } = request.params`): the client's.
  if (handler !== undefined && fn.parameters[0] === parameter)
    return {
      kind: 'tool-argument',
      text: shorten(parameter.name.getText(file.sourceFile)),
      start: file.start(parameter.name),
      end: parameter.name.end,
    };
  // A parameter of a function defined in this file: tainted when a call in the file passes a tainted value.
  const index = fn.parameters.indexOf(parameter);
  let name: string | undefined;
  if (ts.isFunctionDeclaration(fn) && fn.name) name = fn.name.text;
  else if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    ts.isVariableDeclaration(fn.parent) &&
    ts.isIdentifier(fn.parent.name)
  )
    name = fn.parent.name.text;
  if (index < 0) return undefined;
  // `items.map((item) => …)`, `load(x).then((body) => …)`: the element comes from the receiver.
  if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    index === 0 &&
    ts.isCallExpression(fn.parent) &&
    fn.parent.arguments.includes(fn)
  ) {
    const callee = skipOuterExpressions(fn.parent.expression);
    if (
      ts.isPropertyAccessExpression(callee) &&
      elementCallbacks.has(callee.name.text) &&
      fn.parent.arguments[0] === fn
    )
      return taint(walk, callee.expression, depth + 1);
  }
  if (name) {
    for (const call of callsNamed(file, name).slice(0, MAX_CALL_SITES)) {
      const argument = argumentFor(call.arguments[index], property);
      // `if (!isInside(root, p)) throw …; readHelper(p)`: the caller checked what it passes.
      if (!argument || isGuarded(file, call, argument)) continue;
      const found = taint(walk, argument, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  // A constructor parameter: tainted when a `new Class(…)` of this file passes a tainted value.
  if (ts.isConstructorDeclaration(fn)) {
    const cls = fn.parent;
    if (!cls.name) return undefined;
    let found: Source | undefined;
    let sites = 0;
    forEachIdentifier(file, [cls.name.text], (identifier) => {
      const made = identifier.parent;
      if (found || sites >= MAX_CALL_SITES || !ts.isNewExpression(made) || made.expression !== identifier) return;
      if (file.resolve(identifier) !== cls) return;
      sites++;
      const argument = argumentFor(made.arguments?.[index], property);
      if (argument && !isGuarded(file, made, argument)) found = taint(walk, argument, depth + 1);
    });
    return found;
  }
  // A method of a class or object of this file: tainted when a call that surely reaches it
  // (its receiver holds that class or object) passes a tainted value.
  const member = memberOf(fn);
  if (!member) return undefined;
  let sites = 0;
  for (const call of memberCallsNamed(file, member.name)) {
    if (sites >= MAX_CALL_SITES) break;
    if (calledMethod(file, call) !== fn) continue;
    sites++;
    const argument = argumentFor(call.arguments[index], property);
    if (!argument || isGuarded(file, call, argument)) continue;
    const found = taint(walk, argument, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * What a call passes for a parameter, or for its destructured `property`: from an object
 * literal without spreads, only that property's value (a property the call leaves out takes
 * the parameter's default, which no caller chose).
 */
function argumentFor(argument: ts.Expression | undefined, property: string | undefined): ts.Expression | undefined {
  if (!argument || property === undefined) return argument;
  const e = skipOuterExpressions(argument);
  if (!ts.isObjectLiteralExpression(e) || e.properties.some((p) => ts.isSpreadAssignment(p))) return argument;
  for (const p of e.properties) {
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === property) return p.name;
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === property) return p.initializer;
  }
  return undefined;
}

// ——— Guards ———

const checkCallNames = /^(?:is|validate|check|assert|ensure|verify|sanitize|allow|safe)/i;
const checkMethods = new Set([
  'has',
  'includes',
  'test',
  'parse',
  'safeParse',
  'validate',
  'isValid',
  'match',
  'some',
  'every',
  'indexOf',
  'relative',
  'startsWith',
  'endsWith',
  'isAbsolute',
]);
const checkedProperties = new Set(['hostname', 'host', 'origin', 'protocol', 'href']);

/** Identifiers a sink value is made of, and the variables those derive from (two levels). */
function namesOf(file: TsFile, expression: ts.Node, into = new Set<string>(), depth = 0): Set<string> {
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (into.has(node.text)) return;
      into.add(node.text);
      if (depth < 2) {
        const declaration = file.resolve(node);
        if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer)
          namesOf(file, declaration.initializer, into, depth + 1);
        // `let command; … command = \`… ${contextName}\``: what it is assigned is what it is made of.
        if (
          declaration &&
          ts.isVariableDeclaration(declaration) &&
          ts.isVariableDeclarationList(declaration.parent) &&
          (declaration.parent.flags & ts.NodeFlags.Const) === 0
        )
          for (const assigned of assignmentsTo(file, node.text).slice(0, 8)) namesOf(file, assigned, into, depth + 1);
        if (declaration && ts.isBindingElement(declaration)) {
          let owner: ts.Node = declaration;
          while (ts.isBindingElement(owner) || ts.isObjectBindingPattern(owner) || ts.isArrayBindingPattern(owner))
            owner = owner.parent;
          if (ts.isVariableDeclaration(owner) && owner.initializer) namesOf(file, owner.initializer, into, depth + 1);
        }
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return into;
}

/** Whether a condition checks one of `names` with a recognised check. */
function conditionChecks(condition: ts.Node, names: Set<string>): boolean {
  let checks = false;
  let mentions = false;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && names.has(node.text)) mentions = true;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && checkCallNames.test(callee.text)) checks = true;
      if (
        ts.isPropertyAccessExpression(callee) &&
        (checkMethods.has(callee.name.text) || checkCallNames.test(callee.name.text))
      )
        checks = true;
    }
    if (ts.isPropertyAccessExpression(node) && checkedProperties.has(node.name.text)) checks = true;
    if (ts.isRegularExpressionLiteral(node)) checks = true;
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return checks && mentions;
}

function exits(statement: ts.Statement): boolean {
  if (
    ts.isReturnStatement(statement) ||
    ts.isThrowStatement(statement) ||
    ts.isContinueStatement(statement) ||
    ts.isBreakStatement(statement)
  )
    return true;
  if (ts.isBlock(statement))
    return statement.statements.length > 0 && exits(statement.statements[statement.statements.length - 1]);
  if (ts.isExpressionStatement(statement)) {
    // res.status(400).send(…) followed by nothing is an exit only with return; accept `return res…` above.
    return false;
  }
  return false;
}

/**
 * Whether the sink at `node` only runs after `value` passed a recognised check: inside the
 * then-branch of an `if` that checks it, after an `if` that checks it and exits, or after an
 * `assert`/`validate…` statement call on it.
 */
export function isGuarded(file: TsFile, node: ts.Node, value: ts.Expression): boolean {
  const names = namesOf(file, value);
  const root = rootIdentifier(value);
  if (root) names.add(root.text);
  for (let child: ts.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child && conditionChecks(parent.expression, names))
      return true;
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child && conditionChecks(parent.condition, names))
      return true;
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      parent.right === child &&
      conditionChecks(parent.left, names)
    )
      return true;
    if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (
          ts.isIfStatement(statement) &&
          exits(statement.thenStatement) &&
          conditionChecks(statement.expression, names)
        )
          return true;
        if (ts.isExpressionStatement(statement)) {
          let e = statement.expression;
          if (ts.isAwaitExpression(e)) e = e.expression;
          if (ts.isCallExpression(e) && conditionChecks(e, names)) {
            const callee = e.expression;
            const calleeText = ts.isIdentifier(callee)
              ? callee.text
              : ts.isPropertyAccessExpression(callee)
                ? callee.name.text
                : '';
            if (checkCallNames.test(calleeText) || calleeText === 'parse') return true;
          }
        }
      }
    }
    if (ts.isFunctionLike(parent)) break;
  }
  return false;
}

/**
 * Whether `value` had its type checked (`typeof x === 'string'`) around `at` or before it in the
 * same block: what a NoSQL filter needs (a string cannot be an operator object), never enough
 * for a command or a path.
 */
export function isTypeChecked(file: TsFile, at: ts.Node, value: ts.Expression): boolean {
  const text = file.textOf(skipOuterExpressions(value));
  const checks = (condition: ts.Node): boolean => {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isTypeOfExpression(node) && file.textOf(skipOuterExpressions(node.expression)) === text) found = true;
      else ts.forEachChild(node, visit);
    };
    visit(condition);
    return found;
  };
  for (let child: ts.Node = at, parent = at.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child && checks(parent.expression)) return true;
    if (ts.isBlock(parent) || ts.isSourceFile(parent))
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement) && checks(statement.expression)) return true;
      }
    if (ts.isFunctionLike(parent)) break;
  }
  return false;
}

export function describeSource(source: Pick<Source, 'kind' | 'text'>): string {
  switch (source.kind) {
    case 'request':
      return `request data ('${source.text}')`;
    case 'tool-argument':
      return `an MCP tool argument ('${source.text}')`;
    case 'argv':
      return `a command-line argument ('${source.text}')`;
    case 'event':
      return `event data ('${source.text}')`;
  }
}

// ——— How each kind of sink judges values (shared with the call sites of other files) ———

/** A template or concatenation whose literal start fixes the scheme and host (or is a path on this server). */
function fixesHost(_file: TsFile, expression: ts.TemplateExpression | ts.BinaryExpression): boolean {
  let head: string | undefined;
  if (ts.isTemplateExpression(expression)) {
    head = expression.head.text;
    // `https://host${req.originalUrl}`: a request path always starts with '/'.
    const first = expression.templateSpans[0]?.expression;
    if (
      first &&
      ts.isPropertyAccessExpression(first) &&
      /^(?:originalUrl|url|path)$/.test(first.name.text) &&
      /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i.test(head)
    )
      return true;
    // `https://${req.hostname}${req.originalUrl}`: the same host the request came to (the usual HTTPS redirect).
    const spans = expression.templateSpans;
    if (
      first &&
      /^[a-z][a-z0-9+.-]*:\/\/$/i.test(head) &&
      /\.(?:hostname|host)$|headers\.host$|\.get\(\s*['"]host['"]\s*\)$/.test(_file.textOf(first))
    ) {
      const after = spans[0].literal.text;
      const next = spans[1]?.expression;
      if (
        after.startsWith('/') ||
        (after === '' &&
          next &&
          ts.isPropertyAccessExpression(next) &&
          /^(?:originalUrl|url|path)$/.test(next.name.text))
      )
        return true;
    }
  } else {
    let left: ts.Expression = expression;
    while (ts.isBinaryExpression(left) && left.operatorToken.kind === ts.SyntaxKind.PlusToken)
      left = skipOuterExpressions(left.left);
    if (ts.isStringLiteralLike(left)) head = left.text;
  }
  if (head === undefined) return false;
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(head) || /^\/(?![/\\])/.test(head);
}

/** `path.basename(x)`: no folder part is left to climb out with. */
function isBasename(file: TsFile, call: ts.CallExpression): boolean {
  return isModuleMember(
    file,
    skipOuterExpressions(call.expression),
    ['path', 'path/posix', 'path/win32'],
    ['basename'],
  );
}

/** Calls whose result is a string, a number or a boolean: never a query operator object. */
const scalarMethods = new Set([
  'toString',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'slice',
  'substring',
  'padStart',
  'padEnd',
  'replace',
  'replaceAll',
  'normalize',
  'join',
  'toFixed',
  'includes',
  'startsWith',
  'endsWith',
  'test',
]);
const scalarFunctions = new Set([
  'String',
  'Number',
  'Boolean',
  'parseInt',
  'parseFloat',
  'BigInt',
  'encodeURIComponent',
]);

/** A call that turns any value into a scalar (`String(x)`, `x.trim()`, `JSON.stringify(x)`), or a Mongo sanitizer. */
function makesScalar(_file: TsFile, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return scalarFunctions.has(callee.text) || /sanitize/i.test(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  if (method === 'stringify' && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON') return true;
  return scalarMethods.has(method) || /sanitize/i.test(method);
}

/**
 * The options of each flow kind: command and code sinks take any tainted value, path sinks
 * accept a basename and ignore the command line (a CLI reads the files it is told to), URL sinks
 * accept a template or concatenation that fixes the host, query sinks (a NoSQL filter's value)
 * accept anything that is a string or a number and only fear a request's body or query string.
 */
export const taintOptions: Readonly<Record<FlowKind, TaintOptions>> = {
  plain: { kind: 'plain' },
  path: { sanitizes: isBasename, ignore: ['argv'], key: 'path', kind: 'path' },
  url: { safeComposite: fixesHost, key: 'url', kind: 'url' },
  query: {
    sanitizes: makesScalar,
    safeComposite: () => true,
    ignore: ['argv', 'tool-argument'],
    ignoreFields: new Set(['params', 'headers', 'header', 'url', 'originalUrl', 'path', 'querystring', 'cookies']),
    key: 'query',
    kind: 'query',
  },
};

// ——— What a sink's value carries, for the rules ———

/**
 * A sink's value: tainted by a source of this file (`source`), reached from exported parameters
 * (`origins`: other files' callers decide), or tainted here but through a function of another
 * file (`conditional`: tainted if that function returns its argument).
 */
export type SinkTaint =
  | { kind: FlowKind; source: Source; origins?: undefined; conditional?: undefined }
  | { kind: FlowKind; origins: ParameterOrigin[]; source?: undefined; conditional?: undefined }
  | {
      kind: FlowKind;
      conditional: Source & { via: NonNullable<Source['via']> };
      source?: undefined;
      origins?: undefined;
    };

/**
 * What reaches a sink's value `expression` under the sink's flow kind, unless a check at `at`
 * guards it; undefined when it is clean as far as any file can tell.
 */
export function sinkTaint(
  file: TsFile,
  expression: ts.Expression,
  kind: FlowKind,
  at: ts.Node | undefined,
): SinkTaint | undefined {
  const found = taintThrough(file, expression, taintOptions[kind]);
  if (found && at && isGuarded(file, at, expression)) return undefined;
  if (found?.via) return { conditional: { ...found, via: found.via }, kind };
  if (found) return { source: found, kind };
  const origins = parameterOrigins(file, expression, kind);
  if (origins.length === 0 || (at && isGuarded(file, at, expression))) return undefined;
  return { origins, kind };
}

/** Whether other files decide the finding (linking raises it, or not). */
export function isDeferred(taint: SinkTaint | undefined): boolean {
  return taint !== undefined && taint.source === undefined;
}

/** The source as a message says it; for a value from other files' callers, the slot linking fills in. */
export function describeTaint(taint: SinkTaint): string {
  const source = taint.source ?? taint.conditional;
  return source ? describeSource(source) : SOURCE_SLOT;
}

/**
 * What a finding carries about where its data came from: when other files decide it, the sink's
 * `flow` or the trait a call's target must have; when a source of this file taints it, that
 * source as its related place.
 */
export function flowOf(taint: SinkTaint): Pick<DraftFinding, 'flow' | 'when' | 'related' | 'dataFlow'> {
  if (taint.origins) return { flow: { kind: taint.kind, origins: taint.origins } };
  if (taint.conditional) {
    const { target, index, text } = taint.conditional.via;
    return { when: { target, trait: returnsTrait(index, taint.kind), text } };
  }
  return sourceRelated(taint.source);
}

/** For the finding of this file alone: its source as a related place, when one of this file taints it. */
export function localFlow(taint: SinkTaint | undefined): Pick<DraftFinding, 'related' | 'dataFlow'> {
  return taint?.source ? sourceRelated(taint.source) : {};
}

/**
 * A source of this file as a finding's related place (its data flow, as far as one file tells):
 * the walk keeps where a value came from, not each assignment on the way.
 */
export function sourceRelated(source: Source): Pick<DraftFinding, 'related' | 'dataFlow'> {
  return {
    related: [{ start: source.start, end: source.end, message: `source: ${describeSource(source)}` }],
    dataFlow: true,
  };
}

/** The trait of a function whose return value derives from its parameter `index`, tainted for `kind`. */
export function returnsTrait(index: number, kind: FlowKind): string {
  return `returns:${index}:${kind}`;
}
