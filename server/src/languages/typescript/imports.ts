// Quick fixes that need a function from a module (`randomUUID`, `timingSafeEqual`, `helmet`):
// reuse what the file already imports, else add an import in the file's own module style.
import ts from 'typescript';
import type { OffsetEdit } from '../../core/rule';
import type { TsFile } from './file';
import { bindingOfDeclaration, normalizeModuleName } from './modules';

export interface ImportedName {
  /** How the fixed code refers to the value: `randomUUID` or `crypto.randomUUID`. */
  reference: string;
  /** Edits that add the import; empty when the file already has it. */
  edits: OffsetEdit[];
}

/** Whether the file uses ES modules (imports or exports at top level) rather than `require`. */
export function usesEsModules(file: TsFile): boolean {
  return file.cached('usesEsModules', computeUsesEsModules);
}

function computeUsesEsModules(file: TsFile): boolean {
  for (const statement of file.sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement))
      return true;
    if (
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    )
      return true;
  }
  if (/\.(?:cjs|cts)$/i.test(file.path)) return false;
  const requires = file.sourceFile.statements.some(
    (s) => ts.isVariableStatement(s) && /\brequire\s*\(/.test(file.textOf(s)),
  );
  return !requires && !file.isJavaScript;
}

interface TopLevelBinding {
  node: ts.Statement;
  module: string;
  imported: string;
  local: string;
}

/** Module bindings of the file's top-level statements (every import-adding fix asks: once per file). */
function topLevelBindings(file: TsFile): TopLevelBinding[] {
  return file.cached('topLevelBindings', collectTopLevelBindings);
}

function collectTopLevelBindings(file: TsFile): TopLevelBinding[] {
  const out: TopLevelBinding[] = [];
  for (const statement of file.sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause && !statement.importClause.isTypeOnly) {
      const clause = statement.importClause;
      if (clause.name) {
        const b = bindingOfDeclaration(clause);
        if (b) out.push({ node: statement, ...b, local: clause.name.text });
      }
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) {
        const b = bindingOfDeclaration(named);
        if (b) out.push({ node: statement, ...b, local: named.name.text });
      }
      if (named && ts.isNamedImports(named)) {
        for (const specifier of named.elements) {
          if (specifier.isTypeOnly) continue;
          const b = bindingOfDeclaration(specifier);
          if (b) out.push({ node: statement, ...b, local: specifier.name.text });
        }
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) {
          const b = bindingOfDeclaration(declaration);
          if (b) out.push({ node: statement, ...b, local: declaration.name.text });
        } else if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            const b = bindingOfDeclaration(element);
            if (b && ts.isIdentifier(element.name)) out.push({ node: statement, ...b, local: element.name.text });
          }
        }
      }
    }
  }
  return out;
}

/** Where new import lines go: after the last top-level import or require, else at the top (after a shebang and directives). */
function importInsertionOffset(file: TsFile): { offset: number; leadingBreak: boolean } {
  return file.cached('importInsertionOffset', computeImportInsertionOffset);
}

function computeImportInsertionOffset(file: TsFile): { offset: number; leadingBreak: boolean } {
  const statements = file.sourceFile.statements;
  let last: ts.Statement | undefined;
  for (const statement of statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) last = statement;
    else if (
      ts.isVariableStatement(statement) &&
      statement.declarationList.declarations.some(
        (d) =>
          bindingOfDeclaration(d) ||
          (ts.isObjectBindingPattern(d.name) && d.initializer && /^require\s*\(/.test(file.textOf(d.initializer))),
      )
    )
      last = statement;
  }
  if (last) return { offset: last.end, leadingBreak: true };
  let offset = 0;
  for (const statement of statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) offset = statement.end;
    else break;
  }
  if (offset > 0) return { offset, leadingBreak: true };
  const shebang = /^#![^\n]*\n/.exec(file.text);
  return { offset: shebang ? shebang[0].length : 0, leadingBreak: false };
}

function insertLine(file: TsFile, line: string): OffsetEdit {
  const { offset, leadingBreak } = importInsertionOffset(file);
  return leadingBreak
    ? { start: offset, end: offset, newText: `${file.eol}${line}` }
    : { start: offset, end: offset, newText: `${line}${file.eol}` };
}

/**
 * A named export of a module (`randomUUID` of `crypto`). Modules are compared without `node:`;
 * `moduleSpecifier` is what a new import line names.
 */
export function importNamed(file: TsFile, moduleSpecifier: string, name: string): ImportedName {
  const module = normalizeModuleName(moduleSpecifier);
  const bindings = topLevelBindings(file);
  const named = bindings.find((b) => b.module === module && b.imported === name);
  if (named) return { reference: named.local, edits: [] };
  const whole = bindings.find(
    (b) => b.module === module && (b.imported === '*' || (b.imported === 'default' && isNodeBuiltin(module))),
  );
  if (whole) return { reference: `${whole.local}.${name}`, edits: [] };
  const q = file.quote;
  // Extend an existing `import { a } from 'm'` list.
  for (const statement of file.sourceFile.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      normalizeModuleName(statement.moduleSpecifier.text) !== module
    )
      continue;
    const named = statement.importClause?.namedBindings;
    if (named && ts.isNamedImports(named) && !statement.importClause?.isTypeOnly && named.elements.length > 0) {
      const lastElement = named.elements[named.elements.length - 1];
      return { reference: name, edits: [{ start: lastElement.end, end: lastElement.end, newText: `, ${name}` }] };
    }
  }
  const line = usesEsModules(file)
    ? `import { ${name} } from ${q}${moduleSpecifier}${q};`
    : `const { ${name} } = require(${q}${moduleSpecifier}${q});`;
  return { reference: name, edits: [insertLine(file, line)] };
}

/** A module's default export (`helmet`), imported under `preferredName` unless the file has it. */
export function importDefault(file: TsFile, module: string, preferredName: string): ImportedName {
  const bindings = topLevelBindings(file);
  const existing = bindings.find((b) => b.module === module && (b.imported === 'default' || b.imported === '*'));
  if (existing) return { reference: existing.local, edits: [] };
  const q = file.quote;
  const line = usesEsModules(file)
    ? `import ${preferredName} from ${q}${module}${q};`
    : `const ${preferredName} = require(${q}${module}${q});`;
  return { reference: preferredName, edits: [insertLine(file, line)] };
}

const builtins = new Set([
  'crypto',
  'fs',
  'fs/promises',
  'path',
  'child_process',
  'http',
  'https',
  'url',
  'os',
  'util',
  'vm',
  'net',
  'tls',
  'stream',
  'buffer',
  'events',
  'zlib',
]);
function isNodeBuiltin(module: string): boolean {
  return builtins.has(module);
}
