// jsonwebtoken calls, however the module was imported: default, namespace, named, require,
// destructured require, or re-assigned.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import type { CallFilter } from '../languages/typescript/rule';
import { mayBeMember, mentionsModule, moduleMemberOf } from '../languages/typescript/modules';
import { skipOuterExpressions } from '../languages/typescript/values';

export type JwtFunction = 'sign' | 'verify' | 'decode';
const jwtModules = new Set(['jsonwebtoken']);
const jwtModuleNames = [...jwtModules];
const jwtFunctions: ReadonlySet<string> = new Set(['sign', 'verify', 'decode']);
/** The calls jwtCallKind can recognise, as a call filter for the walk. */
export const jwtCalls: CallFilter = { module: { key: 'jwt', modules: jwtModuleNames, members: jwtFunctions } };

/** `jwt.sign(…)` -> 'sign', or undefined when the call is not a jsonwebtoken function. */
export function jwtCallKind(file: TsFile, call: ts.CallExpression): JwtFunction | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!mentionsModule(file, 'jwt', jwtModuleNames) || !mayBeMember(file, callee, 'jwt', jwtFunctions)) return undefined;
  const member = moduleMemberOf(file, callee);
  if (!member || !jwtModules.has(member.module)) return undefined;
  return member.member === 'sign' || member.member === 'verify' || member.member === 'decode' ? member.member : undefined;
}

/** The options argument of sign/verify (the third), unless it is the callback. */
export function jwtOptions(call: ts.CallExpression): ts.Expression | undefined {
  const third = call.arguments[2];
  if (!third) return undefined;
  const e = skipOuterExpressions(third);
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? undefined : third;
}

/** The type annotation suffix for an environment read in TypeScript (`!`), empty in JavaScript. */
export function nonNull(file: TsFile): string {
  return file.isJavaScript ? '' : '!';
}

/**
 * Edit that adds `property` to an options argument: a new `{ … }` argument after `afterIndex`
 * (before a callback), or a property at the start of an existing object literal.
 */
export function addOptionEdit(file: TsFile, call: { arguments: ts.NodeArray<ts.Expression> }, optionsIndex: number, property: string): { start: number; end: number; newText: string } | undefined {
  const existing = call.arguments[optionsIndex];
  const e = existing && skipOuterExpressions(existing);
  if (e && ts.isObjectLiteralExpression(e)) {
    if (e.properties.length === 0) return { start: file.start(e), end: e.end, newText: `{ ${property} }` };
    const first = e.properties[0];
    const start = file.start(first);
    const sameLine = !file.text.slice(file.start(e), start).includes('\n');
    if (sameLine) return { start, end: start, newText: `${property}, ` };
    const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
    const indent = file.text.slice(lineStart, start);
    return { start, end: start, newText: `${property},${file.eol}${indent}` };
  }
  if (e && !(ts.isArrowFunction(e) || ts.isFunctionExpression(e))) return undefined;
  if (optionsIndex === 0 && call.arguments.length === 0) return { start: call.arguments.pos, end: call.arguments.pos, newText: `{ ${property} }` };
  const previous = call.arguments[optionsIndex - 1];
  if (!previous) return undefined;
  return { start: previous.end, end: previous.end, newText: `, { ${property} }` };
}
