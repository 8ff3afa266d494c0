// What a module offers other modules: its exports (ES and CommonJS, re-exports included) and a
// stable key for each function other files can call, so that a summary written in one file
// ("parameter 0 of `Fetcher.fetch` reaches fetch()") can be found from a call in another; and
// which export of which workspace module a call calls.
import ts from 'typescript';
import type { FlowExport, FlowTarget } from '../../core/flows';
import { classFields } from './declarations';
import type { TsFile } from './file';
import { bindingOfIdentifier, importedModules, type ModuleBinding } from './modules';
import { skipOuterExpressions } from './values';

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/** `module.exports` */
function isModuleExports(e: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'module' &&
    e.name.text === 'exports'
  );
}

/** `exports.x` or `module.exports.x`: the exported name. */
function commonJsExportName(e: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const object = e.expression;
  if ((ts.isIdentifier(object) && object.text === 'exports') || isModuleExports(object)) return e.name.text;
  return undefined;
}

/** The key of what a value-holding node names: a class, an object literal, or a function. */
function holderKey(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name))
    return parent.name.text;
  if (ts.isExportAssignment(parent)) return 'default';
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === node &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    if (isModuleExports(parent.left)) return 'module.exports';
    const name = commonJsExportName(parent.left);
    if (name) return `exports.${name}`;
    const member = constructorFunctionMember(parent.left);
    if (member) return member;
  }
  if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent))
    return holderKey(parent);
  return undefined;
}

/**
 * A method a constructor function or a prototype gives its instances, keyed like a class's:
 * `function Dao(db) { this.find = function (id) {…} }` and `Dao.prototype.find = …` are `Dao.find`.
 */
function constructorFunctionMember(target: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const member = target.name.text;
  const object = target.expression;
  // Dao.prototype.find = function …
  if (ts.isPropertyAccessExpression(object) && object.name.text === 'prototype' && ts.isIdentifier(object.expression))
    return `${object.expression.text}.${member}`;
  if (object.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  // this.find = … directly in the body of a named function (arrows keep the outer `this`).
  let scope: ts.Node | undefined = target.parent;
  while (scope && !ts.isFunctionDeclaration(scope) && !ts.isFunctionExpression(scope)) {
    if (ts.isClassLike(scope) || ts.isSourceFile(scope)) return undefined;
    scope = scope.parent;
  }
  if (!scope) return undefined;
  const owner = ts.isFunctionDeclaration(scope) ? scope.name?.text : holderKey(scope);
  return owner && /^[A-Z]/.test(owner) ? `${owner}.${member}` : undefined;
}

function ownerKey(owner: ts.ClassLikeDeclaration | ts.ObjectLiteralExpression): string | undefined {
  if (ts.isClassDeclaration(owner))
    return owner.name?.text ?? (hasModifier(owner, ts.SyntaxKind.DefaultKeyword) ? 'default' : undefined);
  if (ts.isClassExpression(owner)) return owner.name?.text ?? holderKey(owner);
  return holderKey(owner);
}

/**
 * The key of a function-like: `run` (a declaration, or a function bound to a variable),
 * `default`, `module.exports`, `exports.run`, or `Owner.member` for a method, a function-valued
 * field or property of a class or object literal (`Fetcher.fetch`, `tools.run`). Undefined for a
 * function other files cannot name (a callback, a nested helper).
 */
export function functionKey(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isConstructorDeclaration(fn)) {
    const key = ownerKey(fn.parent);
    return key && `${key}.constructor`;
  }
  if (ts.isFunctionDeclaration(fn))
    return fn.name?.text ?? (hasModifier(fn, ts.SyntaxKind.DefaultKeyword) ? 'default' : undefined);
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn)) {
    const owner = fn.parent;
    const name = memberName(fn.name);
    if (!name || !(ts.isClassLike(owner) || ts.isObjectLiteralExpression(owner))) return undefined;
    const key = ownerKey(owner);
    return key && `${key}.${name}`;
  }
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const holder = fn.parent;
    if (
      (ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder)) &&
      holder.initializer === fn &&
      (ts.isClassLike(holder.parent) || ts.isObjectLiteralExpression(holder.parent))
    ) {
      const name = memberName(holder.name);
      const key = ownerKey(holder.parent);
      return name && key ? `${key}.${name}` : undefined;
    }
    return holderKey(fn);
  }
  return undefined;
}

/** A member's name as other code calls it: `run`, `#run` (private), `'run'`. */
function memberName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** What an exported value's members are keyed by: `new Fetcher()` is keyed by its class. */
function valueKey(file: TsFile, name: string, value: ts.Expression | undefined): string {
  const e = value && skipOuterExpressions(value);
  if (e && ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    const declaration = file.resolve(e.expression);
    if (declaration && ts.isClassLike(declaration) && declaration.name) return declaration.name.text;
  }
  return name;
}

/** The key an identifier's declaration gives it (a class instance by its class, else its name). */
function identifierKey(file: TsFile, identifier: ts.Identifier): string {
  const declaration = file.resolve(identifier);
  if (declaration && ts.isVariableDeclaration(declaration))
    return valueKey(file, identifier.text, declaration.initializer);
  return identifier.text;
}

/**
 * The file's exports as flow entries. An object literal exported whole lists its members as
 * `Owner.member` entries when they name another function of the file (`module.exports = { run }`
 * makes `module.exports.run` the function `run`).
 */
export function moduleExports(file: TsFile): FlowExport[] {
  return file.cached('flowExports', computeExports);
}

function computeExports(file: TsFile): FlowExport[] {
  const out: FlowExport[] = [];
  const objectMembers = (owner: string, object: ts.ObjectLiteralExpression): void => {
    for (const property of object.properties) {
      if (ts.isShorthandPropertyAssignment(property))
        out.push({ name: `${owner}.${property.name.text}`, local: identifierKey(file, property.name) });
      else if (ts.isPropertyAssignment(property)) {
        const name = memberName(property.name);
        const value = skipOuterExpressions(property.initializer);
        if (name && ts.isIdentifier(value)) out.push({ name: `${owner}.${name}`, local: identifierKey(file, value) });
      }
    }
  };
  const exportValue = (name: string, value: ts.Expression): void => {
    const e = skipOuterExpressions(value);
    if (ts.isIdentifier(e)) {
      const binding = bindingOfIdentifier(file, e);
      if (binding) out.push({ name, from: { specifier: binding.module, name: binding.imported } });
      else out.push({ name, local: identifierKey(file, e) });
      const declaration = file.resolve(e);
      const init = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
      if (init && ts.isObjectLiteralExpression(skipOuterExpressions(init)))
        objectMembers(e.text, skipOuterExpressions(init) as ts.ObjectLiteralExpression);
      return;
    }
    out.push({ name, local: valueKey(file, name, e) });
    if (ts.isObjectLiteralExpression(e)) objectMembers(name, e);
  };
  for (const statement of file.sourceFile.statements) {
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && exported) {
      const local = statement.name?.text ?? 'default';
      out.push({ name: isDefault ? 'default' : local, local });
    } else if (ts.isVariableStatement(statement) && exported) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        const name = declaration.name.text;
        out.push({ name, local: valueKey(file, name, declaration.initializer) });
        const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
        if (init && ts.isObjectLiteralExpression(init)) objectMembers(name, init);
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const e = skipOuterExpressions(statement.expression);
      if (ts.isIdentifier(e) || ts.isNewExpression(e) || ts.isObjectLiteralExpression(e))
        exportValue('default', statement.expression);
      else out.push({ name: 'default', local: 'default' });
    } else if (ts.isExportAssignment(statement)) {
      // `export = x` (TypeScript's CommonJS)
      exportValue('default', statement.expression);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const specifier =
        statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (specifier) out.push({ name: '*', from: { specifier, name: '*' } });
      } else if (ts.isNamespaceExport(clause)) {
        if (specifier) out.push({ name: clause.name.text, from: { specifier, name: '*' } });
      } else {
        for (const element of clause.elements) {
          if (element.isTypeOnly) continue;
          const local = (element.propertyName ?? element.name).text;
          const name = element.name.text;
          if (specifier) out.push({ name, from: { specifier, name: local } });
          else if (ts.isIdentifier(element.propertyName ?? element.name))
            exportValue(name, (element.propertyName ?? element.name) as ts.Identifier);
        }
      }
    } else if (ts.isExpressionStatement(statement)) {
      const e = statement.expression;
      if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      if (isModuleExports(e.left)) {
        const value = skipOuterExpressions(e.right);
        if (ts.isObjectLiteralExpression(value)) {
          // `module.exports = { run, stop() {} }`: its members are the module's exports.
          out.push({ name: 'default', local: 'module.exports' });
          objectMembers('module.exports', value);
        } else if (ts.isFunctionExpression(value) || ts.isArrowFunction(value))
          out.push({ name: 'default', local: 'module.exports' });
        else if (ts.isClassExpression(value))
          out.push({ name: 'default', local: value.name?.text ?? 'module.exports' });
        else exportValue('default', e.right);
      } else {
        const name = commonJsExportName(e.left);
        if (!name) continue;
        const value = skipOuterExpressions(e.right);
        if (ts.isFunctionExpression(value) || ts.isArrowFunction(value)) out.push({ name, local: `exports.${name}` });
        else exportValue(name, e.right);
      }
    }
  }
  return out;
}

/**
 * Whether other files can reach the function with this key: it, or the class or object that
 * declares it, is exported (directly, as an instance, or as a member of an exported object).
 */
export function isExportedKey(file: TsFile, key: string): boolean {
  const locals = file.cached('flowExportedLocals', (f: TsFile) => {
    const set = new Set<string>();
    for (const entry of moduleExports(f)) if (entry.local) set.add(entry.local);
    return set;
  });
  if (locals.size === 0) return false;
  if (locals.has(key)) return true;
  const dot = key.lastIndexOf('.');
  return dot > 0 && locals.has(key.slice(0, dot));
}

/** Whether the file exports anything a flow could enter by. */
export function exportsFunctions(file: TsFile): boolean {
  return moduleExports(file).some((e) => e.local !== undefined);
}

// ——— Calls into other modules of the workspace ———

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

/** The import binding of an identifier, when it comes from a module of the workspace. */
export const workspaceBinding = (file: TsFile, identifier: ts.Identifier): ModuleBinding | undefined => {
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
    const field = cls && ts.isClassLike(cls) ? classFields(file, cls).get(e.name.text) : undefined;
    if (!field) return undefined;
    for (const type of field.types) {
      const found = typed(type);
      if (found) return found;
    }
    for (const value of field.values) {
      const found = importedClassOf(file, value, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether the file imports or requires anything of the workspace: only such a file can call into another. */
export function importsFromWorkspace(file: TsFile): boolean {
  return file.cached('importsFromWorkspace', (f: TsFile) => [...importedModules(f)].some(isWorkspaceSpecifier));
}

/** The local names the file's imports and requires of modules matching `wanted` bind. */
function importedNames(file: TsFile, wanted: (specifier: string) => boolean): Set<string> {
  const names = new Set<string>();
  for (const statement of file.sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (!wanted(statement.moduleSpecifier.text) || !statement.importClause) continue;
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      ts.isStringLiteral(statement.moduleReference.expression) &&
      wanted(statement.moduleReference.expression.text)
    )
      names.add(statement.name.text);
  }
  // const x = require('./x'), const { a, b: c } = require('./x'), const y = require('./x').y
  const requires = /\brequire\s*\(/g;
  for (let match = requires.exec(file.text); match; match = requires.exec(file.text)) {
    const callee = file.nodeAt(match.index);
    const call = callee.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== callee) continue;
    const specifier = call.arguments[0];
    if (!specifier || !ts.isStringLiteralLike(specifier) || !wanted(specifier.text)) continue;
    let holder: ts.Node = call.parent;
    while (
      ts.isPropertyAccessExpression(holder) ||
      ts.isParenthesizedExpression(holder) ||
      ts.isAwaitExpression(holder)
    )
      holder = holder.parent;
    if (!ts.isVariableDeclaration(holder)) continue;
    if (ts.isIdentifier(holder.name)) names.add(holder.name.text);
    else if (ts.isObjectBindingPattern(holder.name))
      for (const element of holder.name.elements) if (ts.isIdentifier(element.name)) names.add(element.name.text);
  }
  return names;
}

/**
 * The names through which the file can call into its workspace imports: the imported names, and
 * the variables, parameters and fields made by (`new X()`) or typed as (`: X`) an imported name.
 */
function workspaceNames(file: TsFile): ReadonlySet<string> {
  return file.cached('workspaceNames', (f: TsFile) => {
    const names = importedNames(f, isWorkspaceSpecifier);
    if (names.size === 0) return names;
    const madeOrTyped = (initializer: ts.Expression | undefined, type: ts.TypeNode | undefined): boolean => {
      const init = initializer && skipOuterExpressions(initializer);
      if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && names.has(init.expression.text))
        return true;
      return (
        type !== undefined &&
        ts.isTypeReferenceNode(type) &&
        ts.isIdentifier(type.typeName) &&
        names.has(type.typeName.text)
      );
    };
    const holders = [
      ...f.nodesOfKind(ts.SyntaxKind.VariableDeclaration),
      ...f.nodesOfKind(ts.SyntaxKind.Parameter),
      ...f.nodesOfKind(ts.SyntaxKind.PropertyDeclaration),
    ] as Array<ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration>;
    for (const holder of holders)
      if (ts.isIdentifier(holder.name) && madeOrTyped(holder.initializer, holder.type)) names.add(holder.name.text);
    // `this.store = new FileStore()` in a constructor.
    for (const node of f.nodesOfKind(ts.SyntaxKind.BinaryExpression)) {
      const assignment = node as ts.BinaryExpression;
      if (
        assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(assignment.left) &&
        assignment.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        madeOrTyped(assignment.right, undefined)
      )
        names.add(assignment.left.name.text);
    }
    return names;
  });
}

/** What another file's export a call calls, if the callee comes from a workspace module. */
export function flowTarget(file: TsFile, call: ts.CallExpression | ts.NewExpression): FlowTarget | undefined {
  if (!importsFromWorkspace(file)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  // Most calls of a file have nothing to do with its workspace imports: a name test first.
  const names = workspaceNames(file);
  const root = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : callee;
  const rootName = ts.isIdentifier(root)
    ? root.text
    : ts.isPropertyAccessExpression(root) && root.expression.kind === ts.SyntaxKind.ThisKeyword
      ? root.name.text
      : ts.isNewExpression(root) && ts.isIdentifier(root.expression)
        ? root.expression.text
        : ts.isCallExpression(root) && ts.isIdentifier(root.expression) && root.expression.text === 'require'
          ? 'require'
          : undefined;
  if (rootName === undefined || (rootName !== 'require' && !names.has(rootName))) return undefined;
  if (ts.isNewExpression(call)) {
    // `new Runner(command)`: the constructor of another file's class.
    const cls = ts.isIdentifier(callee) ? workspaceBinding(file, callee) : undefined;
    return cls
      ? { specifier: cls.module, name: cls.imported === '*' ? 'default' : cls.imported, member: 'constructor' }
      : undefined;
  }
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

/** Node's own modules (and their subpaths): never a package of the workspace. */
const nodeBuiltins = new Set([
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'console',
  'constants',
  'crypto',
  'dgram',
  'diagnostics_channel',
  'dns',
  'domain',
  'events',
  'fs',
  'http',
  'http2',
  'https',
  'inspector',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'punycode',
  'querystring',
  'readline',
  'repl',
  'stream',
  'string_decoder',
  'sys',
  'test',
  'timers',
  'tls',
  'trace_events',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'wasi',
  'worker_threads',
  'zlib',
]);

/** A bare specifier that may name a package of the workspace itself, or a tsconfig `paths` alias. */
export function isPackageSpecifier(specifier: string): boolean {
  if (isWorkspaceSpecifier(specifier) || specifier.startsWith('/') || specifier.includes(':')) return false;
  return !nodeBuiltins.has(specifier.split('/')[0]);
}

/**
 * What a call calls in a module named by a bare specifier (`@acme/tools`, a tsconfig alias such
 * as `@lib/exec`): only linking knows whether the workspace has it, so the call is recorded
 * when it carries tainted data. Named, default and namespace imports.
 */
export function packageTarget(file: TsFile, call: ts.CallExpression): FlowTarget | undefined {
  const callee = skipOuterExpressions(call.expression);
  const names = file.cached('packageNames', (f: TsFile) => importedNames(f, isPackageSpecifier));
  const root = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : callee;
  if (!ts.isIdentifier(root) || !names.has(root.text)) return undefined;
  const bare = (identifier: ts.Identifier): ModuleBinding | undefined => {
    const binding = bindingOfIdentifier(file, identifier);
    return binding && isPackageSpecifier(binding.module) ? binding : undefined;
  };
  if (ts.isIdentifier(callee)) {
    const binding = bare(callee);
    return binding && { specifier: binding.module, name: binding.imported === '*' ? 'default' : binding.imported };
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    const object = skipOuterExpressions(callee.expression);
    const binding = ts.isIdentifier(object) ? bare(object) : undefined;
    if (!binding) return undefined;
    return binding.imported === '*'
      ? { specifier: binding.module, name: callee.name.text }
      : { specifier: binding.module, name: binding.imported, member: callee.name.text };
  }
  return undefined;
}
