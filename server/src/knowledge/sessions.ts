// Cookie session middleware: which calls create it, and which object literal holds its options
// (written inline, or in a variable the file uses nowhere else).
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import { bindingOfIdentifier, forEachIdentifier, mentionsModule } from '../languages/typescript/modules';
import type { CallFilter } from '../languages/typescript/rule';
import { skipOuterExpressions } from '../languages/typescript/values';

export type SessionLibrary = 'express-session' | 'cookie-session';

const sessionModules: readonly SessionLibrary[] = ['express-session', 'cookie-session'];
const KEY = 'session-middleware';

/** The calls that can create session middleware: a name through which the file reaches either module. */
export const sessionCalls: CallFilter = { reaching: { key: KEY, modules: sessionModules } };

function isSessionModule(module: string): module is SessionLibrary {
  return (sessionModules as readonly string[]).includes(module);
}

/**
 * `session(…)` / `cookieSession(…)` / `require('express-session')(…)`: the library whose default
 * export the call invokes. A local function or another package named `session` is not one.
 */
export function sessionLibraryOf(file: TsFile, call: ts.CallExpression): SessionLibrary | undefined {
  if (!mentionsModule(file, KEY, sessionModules)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) {
    const binding = bindingOfIdentifier(file, callee);
    if (!binding || (binding.imported !== 'default' && binding.imported !== '*')) return undefined;
    return isSessionModule(binding.module) ? binding.module : undefined;
  }
  // require('cookie-session')({ … })
  if (
    ts.isCallExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'require' &&
    callee.arguments.length === 1 &&
    ts.isStringLiteralLike(callee.arguments[0]) &&
    isSessionModule(callee.arguments[0].text)
  )
    return callee.arguments[0].text as SessionLibrary;
  return undefined;
}

/** Whether an identifier names a property or member here rather than referring to a variable. */
export function isMemberName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isPropertyAssignment(parent) ||
      ts.isPropertyAccessExpression(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) ||
      ts.isEnumMember(parent)) &&
      parent.name === node) ||
    ((ts.isBindingElement(parent) || ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) &&
      parent.propertyName === node)
  );
}

/**
 * The object literal an options expression stands for: the literal itself, or the initializer of
 * a variable that the file mentions only in its declaration and here (so nothing else can
 * change it: `sess.cookie.secure = true` in production, as express-session's README does, makes
 * it unknown). Undefined when the options are not visible.
 */
export function visibleObject(file: TsFile, expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const declaration = file.resolve(e);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  let elsewhere = false;
  forEachIdentifier(file, [e.text], (node) => {
    if (node !== e && node !== declaration.name && !isMemberName(node) && file.resolve(node) === declaration)
      elsewhere = true;
  });
  return elsewhere ? undefined : init;
}

/** The session call whose options `object` is (inline or through a variable), if any. */
export function sessionCallOfOptions(
  file: TsFile,
  object: ts.ObjectLiteralExpression,
): { call: ts.CallExpression; library: SessionLibrary } | undefined {
  let node: ts.Node = object;
  while (
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent) ||
    ts.isSatisfiesExpression(node.parent)
  )
    node = node.parent;
  const parent = node.parent;
  const asArgument = (candidate: ts.Node, argument: ts.Node): ts.CallExpression | undefined =>
    ts.isCallExpression(candidate) && candidate.arguments[0] === argument ? candidate : undefined;
  const direct = asArgument(parent, node);
  if (direct) {
    const library = sessionLibraryOf(file, direct);
    return library ? { call: direct, library } : undefined;
  }
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== node || !ts.isIdentifier(parent.name))
    return undefined;
  if (!mentionsModule(file, KEY, sessionModules)) return undefined;
  let found: { call: ts.CallExpression; library: SessionLibrary } | undefined;
  forEachIdentifier(file, [parent.name.text], (reference) => {
    if (found || isMemberName(reference) || file.resolve(reference) !== parent) return;
    let argument: ts.Node = reference;
    while (ts.isParenthesizedExpression(argument.parent) || ts.isAsExpression(argument.parent))
      argument = argument.parent;
    const call = asArgument(argument.parent, argument);
    const library = call && sessionLibraryOf(file, call);
    if (call && library) found = { call, library };
  });
  return found;
}
