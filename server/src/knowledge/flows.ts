// What a TypeScript file tells the workspace about data flow (see core/flows.ts): its exports,
// and its calls into other files of the workspace with what each argument carries: request data
// or a tool argument read here, or a parameter of one of its own exported functions (a hop).
// The sinks themselves are reported by the rules (a finding with `flow`).
import ts from 'typescript';
import {
  flowKinds,
  type FileFlows,
  type FlowArgument,
  type FlowCall,
  type FlowKind,
  type FlowSource,
  type FlowTarget,
  type FlowTrait,
} from '../core/flows';
import { shorten, type LineIndex } from '../core/text';
import { importedModules } from '../languages/typescript/modules';
import type { TsFile } from '../languages/typescript/file';
import {
  flowTarget,
  functionKey,
  importsFromWorkspace,
  isExportedKey,
  isPackageSpecifier,
  moduleExports,
  packageTarget,
  workspaceBinding,
} from '../languages/typescript/exports';
import { returnsMathRandom, weakHashedParameter } from './crypto';
import { verifyOptionsParameter } from './jwt';
import { returnedExpressions } from '../languages/typescript/declarations';
import { returnsNormalizedPath } from './paths';
import { isConstant, skipOuterExpressions } from '../languages/typescript/values';
import { asToolRegistration } from './mcp';
import { isGuarded, isTypeChecked, parameterOrigins, returnsTrait, taintOf, taintOptions, type Source } from './taint';

/**
 * Steps one argument's walk back to this file's exported parameters may take: a hop passes its
 * parameter on in a few steps, and a library file makes hundreds of calls into its siblings.
 */
const HOP_BUDGET = 600;
/** Steps the walk from an argument to a source of the file may take (a handler's argument is a few steps away). */
const SOURCE_BUDGET = 300;
/**
 * Walks back to exported parameters per file: a file of hundreds of calls into its siblings (a
 * library's module) stops following hops after these, and keeps its sources.
 */
const MAX_HOP_WALKS = 40;

/** Whether a call is in the body of a function other files can call (only such a call passes their data on). */
function insideExportedFunction(file: TsFile, node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const key = functionKey(n);
    if (key && isExportedKey(file, key)) return true;
  }
  return false;
}

function hopWalkLeft(file: TsFile): boolean {
  const used = file.cached('flowHopWalks', () => ({ count: 0 }));
  return used.count++ < MAX_HOP_WALKS;
}

/** Arguments of one call looked at (a longer list is not a data call). */
const MAX_ARGUMENTS = 8;
/** Calls into other files summarized per file; beyond that the rest are not followed. */
export const MAX_FLOW_CALLS = 400;

function flowSource(source: Source, lines: LineIndex): FlowSource {
  return { kind: source.kind, text: source.text, range: lines.rangeOf(source.start, source.end) };
}

/** What one argument value carries for each flow kind (nothing when a check guards the call). */
function argumentFlows(
  file: TsFile,
  call: ts.CallExpression | ts.NewExpression,
  value: ts.Expression,
  index: number,
  property: string | undefined,
  lines: LineIndex,
  into: FlowArgument[],
  sourcesOnly = false,
): void {
  const at = (kind: FlowKind): Pick<FlowArgument, 'index' | 'property' | 'kind'> =>
    property === undefined ? { index, kind } : { index, property, kind };
  // A callback, a literal or a constant carries no caller's data.
  const e = skipOuterExpressions(value);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || isConstant(file, e)) return;
  const plain = taintOf(file, value, taintOptions.plain, SOURCE_BUDGET);
  if (plain) {
    if (isGuarded(file, call, value)) return;
    for (const kind of flowKinds) {
      // A filter value whose type the caller checked is a string: no operator object.
      if (kind === 'query' && isTypeChecked(file, call, value)) continue;
      const source = kind === 'plain' ? plain : taintOf(file, value, taintOptions[kind], SOURCE_BUDGET);
      if (source) into.push({ ...at(kind), source: flowSource(source, lines) });
    }
    return;
  }
  if (sourcesOnly || !insideExportedFunction(file, call) || !hopWalkLeft(file)) return;
  const origins = parameterOrigins(file, value, 'plain', undefined, HOP_BUDGET);
  if (origins.length === 0 || isGuarded(file, call, value)) return;
  into.push({ ...at('plain'), origins });
  for (const kind of flowKinds) {
    if (kind === 'plain' || (kind === 'query' && isTypeChecked(file, call, value))) continue;
    const found = parameterOrigins(file, value, kind, undefined, HOP_BUDGET);
    if (found.length > 0) into.push({ ...at(kind), origins: found });
  }
}

/** A tool registered with a handler another file defines: `server.tool('run', schema, runTool)`. */
function importedToolHandler(file: TsFile, call: ts.CallExpression, lines: LineIndex): FlowCall | undefined {
  const registration = asToolRegistration(file, call);
  if (!registration || registration.handler || !registration.schema) return undefined;
  const last = skipOuterExpressions(call.arguments[call.arguments.length - 1]);
  let target: FlowTarget | undefined;
  if (ts.isIdentifier(last)) {
    const binding = workspaceBinding(file, last);
    if (binding) target = { specifier: binding.module, name: binding.imported === '*' ? 'default' : binding.imported };
  } else if (ts.isPropertyAccessExpression(last) && ts.isIdentifier(last.expression)) {
    const binding = workspaceBinding(file, last.expression);
    if (binding)
      target =
        binding.imported === '*'
          ? { specifier: binding.module, name: last.name.text }
          : { specifier: binding.module, name: binding.imported, member: last.name.text };
  }
  if (!target) return undefined;
  const range = lines.rangeOf(file.start(last), last.end);
  const source: FlowSource = { kind: 'tool-argument', text: shorten(`${file.textOf(last)} arguments`), range };
  return {
    target,
    range,
    text: shorten(file.textOf(last)),
    args: flowKinds
      .filter((kind) => !taintOptions[kind].ignore?.includes('tool-argument'))
      .map((kind) => ({ index: 0, kind, source })),
  };
}

/** Exported functions whose traits are worked out per file; beyond that the rest have none. */
const MAX_TRAIT_FUNCTIONS = 120;
// A function, not a module-level array: a module-level use of `ts` loads the compiler in every
// bundle that imports this file, the CLI's and the server's main threads included.
const functionKinds = (): readonly ts.SyntaxKind[] => [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
];

/** What the file's exported functions return: a parameter (per flow kind), a normalized path. */
function functionTraits(file: TsFile, lines: LineIndex): FlowTrait[] {
  const traits: FlowTrait[] = [];
  let examined = 0;
  // Token generators take no parameters (`makeId()`): only they are examined without one.
  const random = file.text.includes('Math.random');
  for (const kind of functionKinds()) {
    for (const node of file.nodesOfKind(kind)) {
      const fn = node as ts.FunctionLikeDeclaration;
      if (!fn.body || (fn.parameters.length === 0 && !random)) continue;
      const key = functionKey(fn);
      if (!key || !isExportedKey(file, key)) continue;
      if (++examined > MAX_TRAIT_FUNCTIONS) return traits;
      const name = fn.name ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined);
      const range = lines.rangeOf(file.start(name ?? fn), (name ?? fn).end);
      if (random && returnsMathRandom(file, fn)) traits.push({ fn: key, trait: 'math-random', range });
      if (fn.parameters.length === 0) continue;
      if (returnsNormalizedPath(file, fn)) traits.push({ fn: key, trait: 'normalizes-path', range });
      if (weakHashedParameter(file, fn)) traits.push({ fn: key, trait: 'weak-hash', range });
      const options = verifyOptionsParameter(file, fn);
      if (options !== undefined) traits.push({ fn: key, trait: `jwt-options:${options}`, range });
      const returned = returnedExpressions(fn).filter((e) => !isConstantReturn(e) && !isGuarded(file, e, e));
      if (returned.length === 0) continue;
      const body = file.textOf(fn);
      let plain: Set<number> | undefined;
      for (const flowKind of flowKinds) {
        // A NoSQL filter's helpers that hand back their argument are not followed (rare; never a false positive).
        if (flowKind === 'query') continue;
        // The path and url kinds only differ from plain through a basename, or a template or
        // concatenation with a literal head: a function with neither returns the same for all three.
        const same =
          plain !== undefined &&
          ((flowKind === 'path' && !body.includes('basename')) || (flowKind === 'url' && !/[`'"]\/|:\/\//.test(body)));
        const indices = same && plain ? plain : new Set<number>();
        if (!same)
          for (const expression of returned)
            for (const origin of parameterOrigins(file, expression, flowKind, fn, HOP_BUDGET))
              if (origin.fn === key) indices.add(origin.index);
        if (flowKind === 'plain') plain = indices;
        // Nothing returned derives from a parameter: no other kind can find more.
        if (flowKind === 'plain' && indices.size === 0) break;
        for (const index of indices) traits.push({ fn: key, trait: returnsTrait(index, flowKind), range });
      }
    }
  }
  return traits;
}

/** A returned value that carries nothing of the parameters: a literal, `this`, `void`, a comparison. */
function isConstantReturn(expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  if (ts.isLiteralExpression(e) || ts.isNoSubstitutionTemplateLiteral(e)) return true;
  switch (e.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
      return true;
  }
  if (ts.isIdentifier(e) && e.text === 'undefined') return true;
  // Comparisons and arithmetic other than `+` give booleans and numbers.
  return ts.isBinaryExpression(e) && comparisons().has(e.operatorToken.kind);
}

// Built on first use (a module-level use of `ts` loads the compiler on the main threads too).
let comparisonSet: ReadonlySet<ts.SyntaxKind> | undefined;
const comparisons = (): ReadonlySet<ts.SyntaxKind> =>
  (comparisonSet ??= new Set<ts.SyntaxKind>([
    ts.SyntaxKind.EqualsEqualsToken,
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
    ts.SyntaxKind.LessThanToken,
    ts.SyntaxKind.GreaterThanToken,
    ts.SyntaxKind.LessThanEqualsToken,
    ts.SyntaxKind.GreaterThanEqualsToken,
    ts.SyntaxKind.InstanceOfKeyword,
    ts.SyntaxKind.InKeyword,
    ts.SyntaxKind.MinusToken,
    ts.SyntaxKind.AsteriskToken,
    ts.SyntaxKind.SlashToken,
    ts.SyntaxKind.PercentToken,
  ]));

/** The file's exports and its calls into other workspace files that carry data. */
export function typeScriptFlows(file: TsFile, lines: LineIndex): FileFlows | undefined {
  // Only a file that imports from the workspace can call into it; only one that exports can be called.
  const exports = moduleExports(file);
  const calls: FlowCall[] = [];
  const packages = [...importedModules(file)].some(isPackageSpecifier);
  if (importsFromWorkspace(file) || packages) {
    const made = file.nodesOfKind(ts.SyntaxKind.NewExpression) as readonly ts.NewExpression[];
    for (const call of [...file.nodesOfKind(ts.SyntaxKind.CallExpression), ...made]) {
      if (calls.length >= MAX_FLOW_CALLS) break;
      const given = call.arguments ?? [];
      if (given.length === 0) continue;
      const registered = ts.isCallExpression(call) ? importedToolHandler(file, call, lines) : undefined;
      if (registered) {
        calls.push(registered);
        continue;
      }
      // A bare specifier may be a package of the workspace or an alias: only its tainted arguments are kept.
      let sourcesOnly = false;
      let target = flowTarget(file, call);
      if (!target && packages && ts.isCallExpression(call)) {
        target = packageTarget(file, call);
        sourcesOnly = true;
      }
      if (!target) continue;
      const args: FlowArgument[] = [];
      given.slice(0, MAX_ARGUMENTS).forEach((argument, index) => {
        const e = skipOuterExpressions(argument);
        // An object literal is listed property by property: a destructured parameter the call
        // leaves out takes its default. With a spread in it, the whole value counts too.
        if (!ts.isObjectLiteralExpression(e) || e.properties.some((p) => ts.isSpreadAssignment(p)))
          argumentFlows(file, call, argument, index, undefined, lines, args, sourcesOnly);
        if (!ts.isObjectLiteralExpression(e)) return;
        for (const property of e.properties) {
          if (ts.isShorthandPropertyAssignment(property))
            argumentFlows(file, call, property.name, index, property.name.text, lines, args, sourcesOnly);
          else if (
            ts.isPropertyAssignment(property) &&
            (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
          )
            argumentFlows(file, call, property.initializer, index, property.name.text, lines, args, sourcesOnly);
        }
      });
      if (args.length === 0) continue;
      calls.push({
        target,
        range: lines.rangeOf(file.start(call), call.end),
        text: shorten(`${ts.isNewExpression(call) ? 'new ' : ''}${file.textOf(call.expression)}`),
        args,
      });
    }
  }
  const traits = exports.some((e) => e.local !== undefined) ? functionTraits(file, lines) : [];
  if (exports.length === 0 && calls.length === 0) return undefined;
  return { exports, sinks: [], calls, ...(traits.length > 0 ? { traits } : {}) };
}
