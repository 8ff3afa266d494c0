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
} from '../core/flows';
import { shorten, type LineIndex } from '../core/text';
import type { TsFile } from '../languages/typescript/file';
import { moduleExports } from '../languages/typescript/exports';
import { bindingOfIdentifier, type ModuleBinding } from '../languages/typescript/modules';
import { skipOuterExpressions } from '../languages/typescript/values';
import { asToolRegistration } from './mcp';
import { isGuarded, parameterOrigins, taintOf, taintOptions, type Source } from './taint';

/** Arguments of one call looked at (a longer list is not a data call). */
const MAX_ARGUMENTS = 8;
/** Calls into other files summarized per file; beyond that the rest are not followed. */
export const MAX_FLOW_CALLS = 400;

/** A module of the workspace itself: relative, or a common source-root alias (`@/x`, `~/x`, `#x`). */
export function isWorkspaceSpecifier(specifier: string): boolean {
  return (
    specifier.startsWith('./') ||
    specifier.startsWith('../') ||
    specifier === '.' ||
    specifier === '..' ||
    specifier.startsWith('@/') ||
    specifier.startsWith('~/') ||
    specifier.startsWith('#')
  );
}

const workspaceBinding = (file: TsFile, identifier: ts.Identifier): ModuleBinding | undefined => {
  const binding = bindingOfIdentifier(file, identifier);
  return binding && isWorkspaceSpecifier(binding.module) ? binding : undefined;
};

/** The imported class a receiver holds: `new X()`, a variable or parameter made by it or typed `X`, `this.x` likewise. */
function importedClassOf(file: TsFile, receiver: ts.Expression, depth = 0): ModuleBinding | undefined {
  if (depth > 3) return undefined;
  const e = skipOuterExpressions(receiver);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) return workspaceBinding(file, e.expression);
  const typed = (type: ts.TypeNode | undefined): ModuleBinding | undefined =>
    type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)
      ? workspaceBinding(file, type.typeName)
      : undefined;
  if (ts.isIdentifier(e)) {
    const declaration = file.resolve(e);
    if (!declaration) return undefined;
    if (ts.isVariableDeclaration(declaration))
      return (
        typed(declaration.type) ??
        (declaration.initializer ? importedClassOf(file, declaration.initializer, depth + 1) : undefined)
      );
    if (ts.isParameter(declaration)) return typed(declaration.type);
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    let cls: ts.Node | undefined = e.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (!cls || !ts.isClassLike(cls)) return undefined;
    const name = e.name.text;
    for (const member of cls.members) {
      if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name)
        return (
          typed(member.type) ?? (member.initializer ? importedClassOf(file, member.initializer, depth + 1) : undefined)
        );
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters)
          if (ts.isIdentifier(parameter.name) && parameter.name.text === name) return typed(parameter.type);
        let found: ModuleBinding | undefined;
        const visit = (node: ts.Node): void => {
          if (found) return;
          if (
            ts.isBinaryExpression(node) &&
            node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            ts.isPropertyAccessExpression(node.left) &&
            node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
            node.left.name.text === name
          )
            found = importedClassOf(file, node.right, depth + 1);
          else ts.forEachChild(node, visit);
        };
        if (member.body) visit(member.body);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** What another file's export a call calls, if the callee comes from a workspace module. */
export function flowTarget(file: TsFile, call: ts.CallExpression): FlowTarget | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) {
    const binding = workspaceBinding(file, callee);
    if (!binding) return undefined;
    // `const run = require('./run'); run(x)`: the module object is the function.
    return { specifier: binding.module, name: binding.imported === '*' ? 'default' : binding.imported };
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return undefined;
  const member = callee.name.text;
  const object = skipOuterExpressions(callee.expression);
  if (ts.isIdentifier(object)) {
    const binding = workspaceBinding(file, object);
    if (binding)
      return binding.imported === '*'
        ? { specifier: binding.module, name: member }
        : { specifier: binding.module, name: binding.imported, member };
  }
  // `require('./tools').run(x)`
  if (
    ts.isCallExpression(object) &&
    ts.isIdentifier(object.expression) &&
    object.expression.text === 'require' &&
    object.arguments.length === 1 &&
    ts.isStringLiteralLike(object.arguments[0]) &&
    isWorkspaceSpecifier(object.arguments[0].text)
  )
    return { specifier: object.arguments[0].text, name: member };
  const cls = importedClassOf(file, object);
  if (cls) return { specifier: cls.module, name: cls.imported === '*' ? 'default' : cls.imported, member };
  return undefined;
}

function flowSource(source: Source, lines: LineIndex): FlowSource {
  return { kind: source.kind, text: source.text, range: lines.rangeOf(source.start, source.end) };
}

/** What one argument value carries for each flow kind (nothing when a check guards the call). */
function argumentFlows(
  file: TsFile,
  call: ts.CallExpression,
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

/** The file's exports and its calls into other workspace files that carry data. */
export function typeScriptFlows(file: TsFile, lines: LineIndex): FileFlows | undefined {
  // Only a file that imports from the workspace can call into it; only one that exports can be called.
  const exports = moduleExports(file);
  const calls: FlowCall[] = [];
  if (/\brequire\s*\(|\bimport\b/.test(file.text)) {
    for (const call of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
      if (calls.length >= MAX_FLOW_CALLS) break;
      if (call.arguments.length === 0) continue;
      const registered = importedToolHandler(file, call, lines);
      if (registered) {
        calls.push(registered);
        continue;
      }
      const target = flowTarget(file, call);
      if (!target) continue;
      const args: FlowArgument[] = [];
      const literals: number[] = [];
      call.arguments.slice(0, MAX_ARGUMENTS).forEach((argument, index) => {
        argumentFlows(file, call, argument, index, undefined, lines, args);
        const e = skipOuterExpressions(argument);
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
        text: shorten(file.textOf(call.expression)),
        ...(literals.length > 0 ? { literals } : {}),
        args,
      });
    }
  }
  if (exports.length === 0 && calls.length === 0) return undefined;
  return { exports, sinks: [], calls };
}
