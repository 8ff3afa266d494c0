// Which module a name comes from: ES imports, `import x = require()`, and CommonJS `require`,
// so rules ask "is this path.normalize?" instead of comparing source text.
import ts from 'typescript';
import { escapeRegExp } from '../../core/text';
import type { Declaration, TsFile } from './file';

export interface ModuleBinding {
  /** Module name without a `node:` prefix: `path`, `pg`, `child_process`. */
  module: string;
  /** `default`, `*` (namespace or CommonJS module object) or the imported member's name. */
  imported: string;
}

export function normalizeModuleName(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

function requiredModule(expression: ts.Expression | undefined): string | undefined {
  let e = expression;
  while (e && (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
  if (
    e &&
    ts.isCallExpression(e) &&
    ((ts.isIdentifier(e.expression) && e.expression.text === 'require') ||
      e.expression.kind === ts.SyntaxKind.ImportKeyword) &&
    e.arguments.length === 1 &&
    ts.isStringLiteralLike(e.arguments[0])
  ) {
    return normalizeModuleName(e.arguments[0].text);
  }
  return undefined;
}

/** The module binding a declaration introduces, if it imports or requires a module. */
export function bindingOfDeclaration(declaration: Declaration): ModuleBinding | undefined {
  if (ts.isImportClause(declaration)) {
    const specifier = declaration.parent.moduleSpecifier;
    return ts.isStringLiteral(specifier)
      ? { module: normalizeModuleName(specifier.text), imported: 'default' }
      : undefined;
  }
  if (ts.isNamespaceImport(declaration)) {
    const specifier = declaration.parent.parent.moduleSpecifier;
    return ts.isStringLiteral(specifier) ? { module: normalizeModuleName(specifier.text), imported: '*' } : undefined;
  }
  if (ts.isImportSpecifier(declaration)) {
    const specifier = declaration.parent.parent.parent.moduleSpecifier;
    const imported = (declaration.propertyName ?? declaration.name).text;
    return ts.isStringLiteral(specifier) ? { module: normalizeModuleName(specifier.text), imported } : undefined;
  }
  if (ts.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.moduleReference;
    if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
      return { module: normalizeModuleName(reference.expression.text), imported: '*' };
    }
    return undefined;
  }
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    const init = declaration.initializer;
    const direct = requiredModule(init);
    if (direct) return { module: direct, imported: '*' };
    // const normalize = require('path').normalize
    if (init && ts.isPropertyAccessExpression(init)) {
      const module = requiredModule(init.expression);
      if (module) return { module, imported: init.name.text };
    }
    return undefined;
  }
  if (ts.isBindingElement(declaration)) {
    // const { normalize, resolve: res } = require('path')
    const pattern = declaration.parent;
    if (ts.isObjectBindingPattern(pattern) && ts.isVariableDeclaration(pattern.parent)) {
      const module = requiredModule(pattern.parent.initializer);
      const property = declaration.propertyName ?? declaration.name;
      if (module && ts.isIdentifier(property)) return { module, imported: property.text };
    }
  }
  return undefined;
}

const newBindingMemo = (): Map<ts.Identifier, ModuleBinding | null> => new Map();
const newMemberMemo = (): Map<ts.Node, ModuleMember | null> => new Map();
const newAliasTable = (): Map<string, Set<string>> => new Map();
const newMentionTable = (): Map<string, boolean> => new Map();

export function bindingOfIdentifier(file: TsFile, identifier: ts.Identifier, depth = 0): ModuleBinding | undefined {
  if (depth > 0) return computeBinding(file, identifier, depth);
  // Asked for every callee by many rules: answer each identifier once per parse.
  const memo = file.cached('bindings', newBindingMemo);
  const known = memo.get(identifier);
  if (known !== undefined) return known ?? undefined;
  const found = computeBinding(file, identifier, 0);
  memo.set(identifier, found ?? null);
  return found;
}

function computeBinding(file: TsFile, identifier: ts.Identifier, depth: number): ModuleBinding | undefined {
  const declaration = file.resolve(identifier);
  if (!declaration) return undefined;
  const direct = bindingOfDeclaration(declaration);
  if (direct || depth > 4) return direct;
  // Re-assignment: `const j = jwt`, `const { verify } = jwt`, `const verify = jwt.verify`, and
  // promisified members, which do what the member does: `const execAsync = promisify(exec)`.
  if (
    ts.isVariableDeclaration(declaration) &&
    ts.isIdentifier(declaration.name) &&
    declaration.initializer &&
    isConstDeclaration(declaration)
  ) {
    const init = unwrapPromisify(file, skipParentheses(declaration.initializer), depth);
    if (ts.isPropertyAccessExpression(init)) {
      const module = requiredModule(init.expression);
      if (module) return { module, imported: init.name.text };
    }
    if (ts.isIdentifier(init)) return bindingOfIdentifier(file, init, depth + 1);
    if (ts.isPropertyAccessExpression(init) && ts.isIdentifier(init.expression)) {
      const object = bindingOfIdentifier(file, init.expression, depth + 1);
      if (object && (object.imported === '*' || object.imported === 'default'))
        return { module: object.module, imported: init.name.text };
    }
  }
  if (
    ts.isBindingElement(declaration) &&
    ts.isObjectBindingPattern(declaration.parent) &&
    ts.isVariableDeclaration(declaration.parent.parent)
  ) {
    const init = declaration.parent.parent.initializer && skipParentheses(declaration.parent.parent.initializer);
    const property = declaration.propertyName ?? declaration.name;
    if (init && ts.isIdentifier(init) && ts.isIdentifier(property)) {
      const object = bindingOfIdentifier(file, init, depth + 1);
      if (object && (object.imported === '*' || object.imported === 'default'))
        return { module: object.module, imported: property.text };
    }
  }
  return undefined;
}

/** Whether `callee` is Node's `util.promisify` (`promisify` imported from util, `util.promisify`, `require('util').promisify`). */
function isPromisify(file: TsFile, callee: ts.Expression, depth: number): boolean {
  const e = skipParentheses(callee);
  if (ts.isIdentifier(e)) {
    if (e.text !== 'promisify') return false;
    const binding = bindingOfIdentifier(file, e, depth + 1);
    return binding?.module === 'util' && binding.imported === 'promisify';
  }
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'promisify') return false;
  if (requiredModule(e.expression) === 'util') return true;
  if (!ts.isIdentifier(e.expression)) return false;
  const binding = bindingOfIdentifier(file, e.expression, depth + 1);
  return binding?.module === 'util' && (binding.imported === '*' || binding.imported === 'default');
}

/** `promisify(x)` -> `x` (its value does what `x` does, resolving instead of calling back); anything else as it is. */
function unwrapPromisify(file: TsFile, expression: ts.Expression, depth: number): ts.Expression {
  const e = skipParentheses(expression);
  if (ts.isCallExpression(e) && e.arguments.length === 1 && isPromisify(file, e.expression, depth))
    return skipParentheses(e.arguments[0]);
  return e;
}

/** Whether a `const` declares a promisified function: `const run = promisify(exec)`. */
export function isPromisified(file: TsFile, identifier: ts.Identifier): boolean {
  const declaration = file.resolve(identifier);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  return unwrapPromisify(file, declaration.initializer, 0) !== skipParentheses(declaration.initializer);
}

function skipParentheses(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

function isConstDeclaration(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** Where a value was made: `new Pool()` of pg -> { module: 'pg', member: 'Pool', how: 'new' }; `express()` -> { module: 'express', member: 'default', how: 'call' }. */
export interface Creation {
  module: string;
  member: string;
  how: 'new' | 'call';
}

/** How the value of `expression` was created from a module, following `const` variables. */
export function creationOf(file: TsFile, expression: ts.Expression, depth = 0): Creation | undefined {
  let e = skipParentheses(expression);
  if (ts.isAwaitExpression(e)) e = skipParentheses(e.expression);
  if (depth > 4) return undefined;
  if (ts.isIdentifier(e)) {
    const declaration = file.resolve(e);
    if (
      declaration &&
      ts.isVariableDeclaration(declaration) &&
      ts.isIdentifier(declaration.name) &&
      declaration.initializer
    ) {
      return creationOf(file, declaration.initializer, depth + 1);
    }
    return undefined;
  }
  if (ts.isNewExpression(e) || ts.isCallExpression(e)) {
    const callee = skipParentheses(e.expression);
    const how = ts.isNewExpression(e) ? 'new' : 'call';
    if (ts.isIdentifier(callee)) {
      const binding = bindingOfIdentifier(file, callee);
      if (binding)
        return { module: binding.module, member: binding.imported === '*' ? 'default' : binding.imported, how };
      return undefined;
    }
    const member = moduleMemberOf(file, callee);
    if (member) return { module: member.module, member: member.member, how };
    const module = requiredModule(callee);
    if (module && ts.isCallExpression(e)) return { module, member: 'default', how };
    // `mysql.createPool().promise()`: a method of a created value keeps its origin.
    if (ts.isPropertyAccessExpression(callee)) return creationOf(file, callee.expression, depth + 1);
  }
  return undefined;
}

export interface ModuleMember {
  module: string;
  member: string;
}

/**
 * `path.normalize` / `normalize` (named import) / `require('path').normalize` -> { path, normalize }.
 * `undefined` when the expression is not a member of an imported module.
 */
export function moduleMemberOf(file: TsFile, expression: ts.Expression): ModuleMember | undefined {
  // Many rules ask about every call's callee: answer each node once per parse.
  const memo = file.cached('moduleMembers', newMemberMemo);
  const known = memo.get(expression);
  if (known !== undefined) return known ?? undefined;
  const found = computeModuleMember(file, expression);
  memo.set(expression, found ?? null);
  return found;
}

function computeModuleMember(file: TsFile, expression: ts.Expression): ModuleMember | undefined {
  if (ts.isIdentifier(expression)) {
    const binding = bindingOfIdentifier(file, expression);
    if (binding && binding.imported !== '*' && binding.imported !== 'default')
      return { module: binding.module, member: binding.imported };
    return undefined;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const object = expression.expression;
    if (ts.isIdentifier(object)) {
      const binding = bindingOfIdentifier(file, object);
      if (binding && (binding.imported === '*' || binding.imported === 'default'))
        return { module: binding.module, member: expression.name.text };
      return undefined;
    }
    const module = requiredModule(object);
    if (module) return { module, member: expression.name.text };
  }
  return undefined;
}

/**
 * Whether `callee` can resolve, through moduleMemberOf, to a member named one of `members`: a
 * cheap, exact pre-check that spares the scope resolution of every other call. A property access
 * names its member; an identifier is either the member's own name or a local name some
 * declaration renames it to (`import { createHash as hash }`, `const { createHash: hash } =
 * require('crypto')`, `const hash = crypto.createHash`, `const h = hash`). `key` names the
 * member set for the per-file cache of those local names.
 */
export function mayBeMember(file: TsFile, callee: ts.Expression, key: string, members: ReadonlySet<string>): boolean {
  if (ts.isPropertyAccessExpression(callee)) return members.has(callee.name.text);
  if (!ts.isIdentifier(callee)) return false;
  return members.has(callee.text) || memberAliases(file, key, members).has(callee.text);
}

/** The local names other than their own that the file gives to `members` (cached per file and `key`). */
export function memberAliases(file: TsFile, key: string, members: ReadonlySet<string>): ReadonlySet<string> {
  const aliases = file.cached('memberAliases', newAliasTable);
  let names = aliases.get(key);
  if (!names) aliases.set(key, (names = localNamesFor(file, members)));
  return names;
}

/** Local names declarations give to `members`, following re-assignments as bindingOfIdentifier does. */
function localNamesFor(file: TsFile, members: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  let frontier = [...members];
  for (let depth = 0; depth <= 5 && frontier.length > 0; depth++) {
    const next: string[] = [];
    forEachIdentifier(
      file,
      frontier,
      (node) => {
        const local = renamedTo(node);
        if (local && !names.has(local) && !members.has(local)) {
          names.add(local);
          next.push(local);
        }
      },
      notRenamedBefore,
    );
    frontier = next;
  }
  return names;
}

/**
 * Every identifier of the file spelled as one of `names`: found in the text, confirmed in the tree
 * (the word itself, not a mention in a comment or a string before some other node).
 */
export function forEachIdentifier(
  file: TsFile,
  names: readonly string[],
  visit: (node: ts.Identifier) => void,
  skipBefore?: ReadonlySet<string>,
): void {
  // A missing identifier of broken code has no text: an empty alternative would match everywhere
  // without advancing, and the loop below would never end.
  const words = names.filter((n) => n.length > 0);
  if (words.length === 0) return;
  const text = file.text;
  for (const match of identifierMatches(text, words)) {
    if (skipBefore && skipBefore.has(nextNonSpace(text, match.index + match.word.length))) continue;
    const node = file.nodeAt(match.index);
    // The whole identifier (`foo` is not `fooñ`: \w stops at ASCII).
    if (ts.isIdentifier(node) && file.start(node) === match.index && node.text === match.word) visit(node);
  }
}

/**
 * Names longer than this are searched for by themselves, and the others by patterns of at most
 * MAX_PATTERN_NAMES characters of names: the file's identifiers are names here, and V8 refuses a
 * pattern past a size ("Regular expression too large" failed four rules on a file of
 * 90,000-character identifiers).
 */
const MAX_PATTERN_NAME = 1024;
const MAX_PATTERN_NAMES = 32768;
const wordChar = /[\w$]/;

/** Where each of `words` (identifiers, none empty) occurs in `text` as a whole word, in text order. */
function identifierMatches(text: string, words: readonly string[]): Array<{ index: number; word: string }> {
  const batches: string[][] = [[]];
  let batchLength = 0;
  const long: string[] = [];
  for (const word of words) {
    if (word.length > MAX_PATTERN_NAME) {
      long.push(word);
      continue;
    }
    if (batchLength + word.length > MAX_PATTERN_NAMES && batches[batches.length - 1].length > 0) {
      batches.push([]);
      batchLength = 0;
    }
    batches[batches.length - 1].push(word);
    batchLength += word.length + 1;
  }
  const found: Array<{ index: number; word: string }> = [];
  for (const batch of batches) if (batch.length > 0) found.push(...patternMatches(text, batch));
  // At one place at most one whole identifier can match: how they were found does not matter.
  for (const word of new Set(long)) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (wordChar.test(text[at - 1] ?? '') || wordChar.test(text[at + word.length] ?? '')) continue;
      found.push({ index: at, word });
    }
  }
  return batches.length > 1 || long.length > 0 ? found.sort((a, b) => a.index - b.index) : found;
}

function patternMatches(text: string, words: readonly string[]): Array<{ index: number; word: string }> {
  const found: Array<{ index: number; word: string }> = [];
  const alternatives = words.map(escapeRegExp).join('|');
  // `\b` is a cheap start (about half the time of a look-behind on every character), but it only
  // stands before a word character; `$` is checked by hand after it.
  const plain = words.every((n) => /^\w/.test(n));
  const word = new RegExp(plain ? `\\b(?:${alternatives})(?![\\w$])` : `(?<![\\w$])(?:${alternatives})(?![\\w$])`, 'g');
  for (let match = word.exec(text); match; match = word.exec(text)) {
    if (plain && text.charCodeAt(match.index - 1) === 36 /* $ */) continue;
    found.push({ index: match.index, word: match[0] });
  }
  return found;
}

/** The first character at or after `at` that is not white space ('' at the end). */
function nextNonSpace(text: string, at: number): string {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return text.charAt(i);
}

/**
 * A member name followed by `(` is called and one followed by `.` is the object of a further
 * access: neither can be renamed there (see renamedTo), so most mentions of `stat` or `open` in
 * a big file skip the look-up of their node.
 */
const notRenamedBefore: ReadonlySet<string> = new Set(['(', '.']);

/** The local name a declaration binds `name` to under another name, if `name` stands where one does. */
function renamedTo(name: ts.Identifier): string | undefined {
  const parent = name.parent;
  if (ts.isImportSpecifier(parent) && parent.propertyName === name) return parent.name.text;
  if (ts.isBindingElement(parent) && parent.propertyName === name && ts.isIdentifier(parent.name))
    return parent.name.text;
  // `const hash = crypto.createHash` / `const h = hash` (through parentheses and assertions).
  let value: ts.Node = ts.isPropertyAccessExpression(parent) && parent.name === name ? parent : name;
  while (
    ts.isParenthesizedExpression(value.parent) ||
    ts.isAsExpression(value.parent) ||
    ts.isNonNullExpression(value.parent)
  )
    value = value.parent;
  // `const execAsync = promisify(exec)` / `util.promisify(cp.exec)`: the promisified member keeps its meaning.
  if (
    ts.isCallExpression(value.parent) &&
    value.parent.arguments.length === 1 &&
    value.parent.arguments[0] === value &&
    calledName(value.parent.expression) === 'promisify'
  ) {
    value = value.parent;
    while (ts.isParenthesizedExpression(value.parent) || ts.isAsExpression(value.parent)) value = value.parent;
  }
  const declaration = value.parent;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer === value && ts.isIdentifier(declaration.name))
    return declaration.name.text || undefined;
  // `const { createHash: hash } = crypto` is covered above; `const { hash } = alias` keeps the name.
  return undefined;
}

/** The name a callee is called by: `f` for `f(…)` and `a.f(…)`. */
function calledName(callee: ts.Expression): string | undefined {
  const e = skipParentheses(callee);
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** Whether `expression` is a member of one of `modules` named one of `members`. */
export function isModuleMember(
  file: TsFile,
  expression: ts.Expression,
  modules: readonly string[],
  members: readonly string[],
): boolean {
  const found = moduleMemberOf(file, expression);
  return found !== undefined && modules.includes(found.module) && members.includes(found.member);
}

/**
 * Whether the file names any of `modules` as a quoted module specifier anywhere (an import, a
 * require, a dynamic import). No binding to a module can exist without one, so callers skip the
 * scope resolution of every call in files that cannot hold such a binding. Cached per file.
 */
export function mentionsModule(file: TsFile, key: string, modules: Iterable<string>): boolean {
  // Asked for every call: one map per file, no key built per question.
  const answers = file.cached('mentions', newMentionTable);
  let answer = answers.get(key);
  if (answer === undefined) {
    const list = [...modules];
    if (list.every((m) => plainSpecifier.test(m))) {
      const quoted = file.cached('quotedSpecifiers', quotedSpecifiers);
      answer = list.some((m) => quoted.has(m));
    } else {
      answer = specifierPattern(key, list).test(file.text);
    }
    answers.set(key, answer);
  }
  return answer;
}

/** A module name made only of the characters quotedSpecifiers collects. */
const plainSpecifier = /^[\w@$][\w@$./-]{0,213}$/;

/**
 * Every quoted text of the file that can be a module name (`'fs'`, `"node:fs"` as `fs`,
 * `` `@fastify/cors` ``), in one pass: what specifierPattern finds for any list of plain names,
 * where one pattern per list read the file once per list. Each search resumes at the closing
 * quote, so a quote that ends one text can open the next, as it can for specifierPattern.
 */
function quotedSpecifiers(file: TsFile): Set<string> {
  const found = new Set<string>();
  const text = file.text;
  const quoted = /(['"`])(?:node:)?([\w@$][\w@$./-]{0,213})\1/g;
  for (let match = quoted.exec(text); match; match = quoted.exec(text)) {
    found.add(match[2]);
    quoted.lastIndex = match.index + match[0].length - 1;
  }
  return found;
}

const specifierPatterns = new Map<string, RegExp>();

/** One linear pattern per module list: a quote, an optional `node:`, a listed name, the same kind of quote. */
function specifierPattern(key: string, modules: readonly string[]): RegExp {
  let pattern = specifierPatterns.get(key);
  if (!pattern) {
    const names = modules.map(escapeRegExp).join('|');
    pattern = new RegExp(`(['"\`])(?:node:)?(?:${names})\\1`);
    specifierPatterns.set(key, pattern);
  }
  return pattern;
}

/**
 * The local names through which the file can reach one of `modules`: names an import or
 * `require` of them binds, then, repeatedly, names declared by a variable whose initializer
 * mentions a name already found (`const client = axios.create()`, `const { get } = got`,
 * `const j = jwt`). A superset of what bindingOfIdentifier and creationOf can tie to the
 * modules, found by text and confirmed in the tree; cached per file and `key`. Empty when the
 * file names none of the modules.
 */
export function namesReaching(file: TsFile, key: string, modules: readonly string[]): ReadonlySet<string> {
  const tables = file.cached('namesReaching', newReachTable);
  let names = tables.get(key);
  if (names) return names;
  names = new Set<string>();
  tables.set(key, names);
  if (!mentionsModule(file, key, modules)) return names;
  const add = (node: ts.Node, into: string[]): void => {
    for (const name of namesDeclaredAround(node)) {
      if (!names!.has(name)) {
        names!.add(name);
        into.push(name);
      }
    }
  };
  let frontier: string[] = [];
  const specifiers = new RegExp(specifierPattern(key, modules).source, 'g');
  for (let match = specifiers.exec(file.text); match; match = specifiers.exec(file.text)) {
    const literal = file.nodeAt(match.index);
    if (ts.isStringLiteralLike(literal) && file.start(literal) === match.index) add(literal, frontier);
  }
  for (let depth = 0; depth < 6 && frontier.length > 0; depth++) {
    const next: string[] = [];
    forEachIdentifier(file, frontier, (node) => add(node, next));
    frontier = next;
  }
  return names;
}

const newReachTable = (): Map<string, Set<string>> => new Map();

/** The names bound by the import, or by the variable whose initializer holds `node`. */
function namesDeclaredAround(node: ts.Node): string[] {
  const names: string[] = [];
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isImportDeclaration(parent)) {
      const clause = parent.importClause;
      if (clause?.name) names.push(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings))
        for (const specifier of bindings.elements) names.push(specifier.name.text);
      return names;
    }
    if (ts.isImportEqualsDeclaration(parent)) return [parent.name.text];
    if (ts.isVariableDeclaration(parent)) {
      if (parent.initializer !== current) return names;
      const collect = (name: ts.BindingName): void => {
        if (ts.isIdentifier(name)) names.push(name.text);
        else for (const element of name.elements) if (ts.isBindingElement(element)) collect(element.name);
      };
      collect(parent.name);
      return names;
    }
    if (ts.isStatement(parent) || ts.isFunctionLike(parent) || ts.isSourceFile(parent)) return names;
  }
  return names;
}

/** The modules the file imports or requires at its top level. */
export function importedModules(file: TsFile): Set<string> {
  return file.cached('importedModules', (f) => new Set(moduleImports(f).keys()));
}

/** Each module the file imports or requires at its top level, with its first import (for evidence ranges). */
export function moduleImports(file: TsFile): Map<string, ts.Node> {
  return file.cached('moduleImports', collectModuleImports);
}

/** Where a `require(` or `import(` may stand; the tree decides whether one does. */
const requireOrImportCall = /\b(?:require|import)\s*\(/g;

function collectModuleImports(file: TsFile): Map<string, ts.Node> {
  const found: Array<{ at: number; module: string; node: ts.Node }> = [];
  for (const statement of file.sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({ at: statement.pos, module: normalizeModuleName(statement.moduleSpecifier.text), node: statement });
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      ts.isStringLiteral(statement.moduleReference.expression)
    ) {
      found.push({
        at: statement.pos,
        module: normalizeModuleName(statement.moduleReference.expression.text),
        node: statement,
      });
    }
  }
  // Calls of require() and import() inside top-level imports, variable and expression statements,
  // at any depth there. Found in the text and confirmed in the tree: walking every node of a
  // bundle wrapped in one top-level IIFE cost more than some rules.
  requireOrImportCall.lastIndex = 0;
  for (let match = requireOrImportCall.exec(file.text); match; match = requireOrImportCall.exec(file.text)) {
    const callee = file.nodeAt(match.index);
    const call = callee.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== callee) continue;
    const module = requiredModule(call);
    if (!module) continue;
    let statement: ts.Node = call;
    while (statement.parent && !ts.isSourceFile(statement.parent)) statement = statement.parent;
    if (
      ts.isImportDeclaration(statement) ||
      ts.isVariableStatement(statement) ||
      ts.isImportEqualsDeclaration(statement) ||
      ts.isExpressionStatement(statement)
    ) {
      found.push({ at: call.pos, module, node: call });
    }
  }
  // First import of each module in source order (the evidence a fact points at).
  found.sort((a, b) => a.at - b.at);
  const modules = new Map<string, ts.Node>();
  for (const { module, node } of found) if (!modules.has(module)) modules.set(module, node);
  return modules;
}

/** A local name the file binds to a module as a whole (default or namespace import, or require). */
export function namespaceNameOf(file: TsFile, module: string): string | undefined {
  for (const statement of file.sourceFile.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      normalizeModuleName(statement.moduleSpecifier.text) === module
    ) {
      const clause = statement.importClause;
      if (clause?.name) return clause.name.text;
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) return clause.namedBindings.name.text;
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && requiredModule(declaration.initializer) === module)
          return declaration.name.text;
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const binding = bindingOfDeclaration(statement);
      if (binding?.module === module) return statement.name.text;
    }
  }
  return undefined;
}
