// Path helpers that make a path look contained without containing it: `path.normalize`,
// `resolve` and `join` (and wrappers of them) resolve `..` but say nothing about where the result
// lies, so a `startsWith(base)` on their result is only as good as its base.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import { returnedExpressions } from '../languages/typescript/declarations';
import { isModuleMember } from '../languages/typescript/modules';
import { skipOuterExpressions, variableInitializer } from '../languages/typescript/values';

export const pathModules = ['path', 'path/posix', 'path/win32', 'upath'];
const normalizingFunctions = ['normalize', 'resolve', 'join'];

/** `path.normalize(x)` / `resolve(x)` (imported), directly or through a variable. */
export function isNormalizingCall(file: TsFile, expression: ts.Expression): boolean {
  let e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) {
    const init = variableInitializer(file, e);
    if (!init) return false;
    e = skipOuterExpressions(init);
  }
  return ts.isCallExpression(e) && isModuleMember(file, e.expression, pathModules, normalizingFunctions);
}

/** Whether a function returns a normalized path (`const normalizePath = (p) => path.normalize(p)`). */
export function returnsNormalizedPath(file: TsFile, fn: ts.FunctionLikeDeclaration): boolean {
  return returnedExpressions(fn).some((returned) => isNormalizingCall(file, returned));
}
