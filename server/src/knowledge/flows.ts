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
import type { TsFile } from '../languages/typescript/file';
import {
  flowTarget,
  functionKey,
  importsFromWorkspace,
  isExportedKey,
  moduleExports,
  workspaceBinding,
} from '../languages/typescript/exports';
import { weakHashedParameter } from './crypto';
import { returnsNormalizedPath } from './paths';
import { skipOuterExpressions } from '../languages/typescript/values';
import { asToolRegistration } from './mcp';
import { isGuarded, parameterOrigins, returnsTrait, taintOf, taintOptions, type Source } from './taint';

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
): void {
  const at = (kind: FlowKind): Pick<FlowArgument, 'index' | 'property' | 'kind'> =>
    property === undefined ? { index, kind } : { index, property, kind };
  const plain = taintOf(file, value, taintOptions.plain);
  if (plain) {
    if (isGuarded(file, call, value)) return;
    for (const kind of flowKinds) {
      const source = kind === 'plain' ? plain : taintOf(file, value, taintOptions[kind]);
      if (source) into.push({ ...at(kind), source: flowSource(source, lines) });
    }
    return;
  }
  const origins = parameterOrigins(file, value, 'plain');
  if (origins.length === 0 || isGuarded(file, call, value)) return;
  into.push({ ...at('plain'), origins });
  for (const kind of flowKinds) {
    if (kind === 'plain') continue;
    const found = parameterOrigins(file, value, kind);
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
    args: flowKinds.map((kind) => ({ index: 0, kind, source })),
  };
}

/** Exported functions whose traits are worked out per file; beyond that the rest have none. */
const MAX_TRAIT_FUNCTIONS = 300;
const functionKinds = [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
] as const;

/** What the file's exported functions return: a parameter (per flow kind), a normalized path. */
function functionTraits(file: TsFile, lines: LineIndex): FlowTrait[] {
  const traits: FlowTrait[] = [];
  let examined = 0;
  for (const kind of functionKinds) {
    for (const node of file.nodesOfKind(kind)) {
      const fn = node as ts.FunctionLikeDeclaration;
      if (!fn.body || fn.parameters.length === 0) continue;
      const key = functionKey(fn);
      if (!key || !isExportedKey(file, key)) continue;
      if (++examined > MAX_TRAIT_FUNCTIONS) return traits;
      const name = fn.name ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined);
      const range = lines.rangeOf(file.start(name ?? fn), (name ?? fn).end);
      if (returnsNormalizedPath(file, fn)) traits.push({ fn: key, trait: 'normalizes-path', range });
      if (weakHashedParameter(file, fn)) traits.push({ fn: key, trait: 'weak-hash', range });
      const returned = returnedExpressions(fn).filter((e) => !isGuarded(file, e, e));
      if (returned.length === 0) continue;
      for (const flowKind of flowKinds) {
        const indices = new Set<number>();
        for (const expression of returned)
          for (const origin of parameterOrigins(file, expression, flowKind))
            if (origin.fn === key) indices.add(origin.index);
        // Nothing returned derives from a parameter: no other kind can find more.
        if (flowKind === 'plain' && indices.size === 0) break;
        for (const index of indices) traits.push({ fn: key, trait: returnsTrait(index, flowKind), range });
      }
    }
  }
  return traits;
}

/** A function's returned expressions (its expression body, or each `return` not in a nested function). */
function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return out;
}

/** The file's exports and its calls into other workspace files that carry data. */
export function typeScriptFlows(file: TsFile, lines: LineIndex): FileFlows | undefined {
  // Only a file that imports from the workspace can call into it; only one that exports can be called.
  const exports = moduleExports(file);
  const calls: FlowCall[] = [];
  if (importsFromWorkspace(file)) {
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
      const target = flowTarget(file, call);
      if (!target) continue;
      const args: FlowArgument[] = [];
      const literals: number[] = [];
      given.slice(0, MAX_ARGUMENTS).forEach((argument, index) => {
        const e = skipOuterExpressions(argument);
        // An object literal is listed property by property: a destructured parameter the call
        // leaves out takes its default. With a spread in it, the whole value counts too.
        if (!ts.isObjectLiteralExpression(e) || e.properties.some((p) => ts.isSpreadAssignment(p)))
          argumentFlows(file, call, argument, index, undefined, lines, args);
        if (!ts.isObjectLiteralExpression(e)) return;
        literals.push(index);
        for (const property of e.properties) {
          if (ts.isShorthandPropertyAssignment(property))
            argumentFlows(file, call, property.name, index, property.name.text, lines, args);
          else if (
            ts.isPropertyAssignment(property) &&
            (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
          )
            argumentFlows(file, call, property.initializer, index, property.name.text, lines, args);
        }
      });
      if (args.length === 0) continue;
      calls.push({
        target,
        range: lines.rangeOf(file.start(call), call.end),
        text: shorten(`${ts.isNewExpression(call) ? 'new ' : ''}${file.textOf(call.expression)}`),
        ...(literals.length > 0 ? { literals } : {}),
        args,
      });
    }
  }
  const traits = exports.some((e) => e.local !== undefined) ? functionTraits(file, lines) : [];
  if (exports.length === 0 && calls.length === 0) return undefined;
  return { exports, sinks: [], calls, ...(traits.length > 0 ? { traits } : {}) };
}
