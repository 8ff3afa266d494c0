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

/** Whether the file imports or requires a JWT library at all (a test before looking at its calls). */
export function mentionsJwt(file: TsFile): boolean {
  return mentionsModule(file, 'jwt', jwtModuleNames);
}

/** `jwt.sign(…)` -> 'sign', or undefined when the call is not a jsonwebtoken function. */
export function jwtCallKind(file: TsFile, call: ts.CallExpression): JwtFunction | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!mentionsModule(file, 'jwt', jwtModuleNames) || !mayBeMember(file, callee, 'jwt', jwtFunctions)) return undefined;
  const member = moduleMemberOf(file, callee);
  if (!member || !jwtModules.has(member.module)) return undefined;
  return member.member === 'sign' || member.member === 'verify' || member.member === 'decode'
    ? member.member
    : undefined;
}

/** The options argument of sign/verify (the third), unless it is the callback. */
export function jwtOptions(call: ts.CallExpression): ts.Expression | undefined {
  const third = call.arguments[2];
  if (!third) return undefined;
  const e = skipOuterExpressions(third);
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? undefined : third;
}

/**
 * The parameter of `fn` that it passes to jwt.verify as the options (`(token, options) =>
 * jwt.verify(token, KEY, options)`): a wrapper whose callers decide whether `algorithms` is set.
 */
export function verifyOptionsParameter(file: TsFile, fn: ts.FunctionLikeDeclaration): number | undefined {
  if (!fn.body || fn.parameters.length === 0 || !file.textOf(fn.body).includes('verify')) return undefined;
  let found: number | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return;
    if (ts.isCallExpression(node) && jwtCallKind(file, node) === 'verify') {
      const options = jwtOptions(node);
      const e = options && skipOuterExpressions(options);
      const declaration = e && ts.isIdentifier(e) ? file.resolve(e) : undefined;
      if (declaration && ts.isParameter(declaration) && declaration.parent === fn)
        found = fn.parameters.indexOf(declaration);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** Options a caller passes (or leaves out) that set no `algorithms`: written here, in full. */
export function lacksAlgorithms(argument: ts.Expression | undefined): boolean {
  if (!argument) return true;
  const e = skipOuterExpressions(argument);
  if (!ts.isObjectLiteralExpression(e)) return false;
  return !e.properties.some(
    (p) =>
      ts.isSpreadAssignment(p) ||
      (p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === 'algorithms'),
  );
}
