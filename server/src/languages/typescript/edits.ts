// Text edits that quick fixes share: replace a node, add a line above a statement with the
// statement's indentation, append a helper function once, remove a list element with its comma.
import ts from 'typescript';
import type { OffsetEdit } from '../../core/rule';
import type { TsFile } from './file';
import { skipOuterExpressions } from './values';

export function replaceNode(file: TsFile, node: ts.Node, newText: string): OffsetEdit {
  return { start: file.start(node), end: node.end, newText };
}

/** The leading white space of the line that contains `offset`. */
export function indentationAt(file: TsFile, offset: number): string {
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(file.text.slice(lineStart, offset))?.[0] ?? '';
}

/** The innermost statement that contains `node` and sits directly in a statement list. */
export function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isSourceFile(p) || ts.isBlock(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p))
      return n as ts.Statement;
    // A concise arrow body, or the single-statement body of an if or a loop, has no
    // statement list to insert into without adding braces.
    if (ts.isArrowFunction(p) && p.body === n) return undefined;
    if ((ts.isIfStatement(p) && p.expression !== n) || (ts.isIterationStatement(p, false) && p.statement === n))
      return undefined;
  }
  return undefined;
}

/** Inserts `line` (no line break) on its own line above `statement`, with its indentation. */
export function insertLineBefore(file: TsFile, statement: ts.Node, line: string): OffsetEdit {
  const start = file.start(statement);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const before = file.text.slice(lineStart, start);
  if (/^[ \t]*$/.test(before)) {
    return { start: lineStart, end: lineStart, newText: `${before}${line}${file.eol}` };
  }
  // The statement shares its line with other code: break the line.
  return { start, end: start, newText: `${line}${file.eol}${indentationAt(file, start)}` };
}

/** Whether the file declares a top-level function with this name. */
export function declaresFunction(file: TsFile, name: string): boolean {
  // Asked once per fix, and a file can have hundreds: the names are listed once.
  return file.cached('topLevelFunctions', topLevelFunctions).has(name);
}

function topLevelFunctions(file: TsFile): Set<string> {
  const names = new Set<string>();
  for (const s of file.sourceFile.statements) if (ts.isFunctionDeclaration(s) && s.name) names.add(s.name.text);
  return names;
}

/**
 * Appends a helper function at the end of the file unless it is already declared there.
 * `typedSource` is TypeScript; in JavaScript files the annotations are stripped by the caller's
 * `untypedSource`. Identical edits from several fixes collapse when fixes are applied together.
 */
export function appendHelperFunction(
  file: TsFile,
  name: string,
  typedSource: string,
  untypedSource: string,
): OffsetEdit[] {
  if (declaresFunction(file, name)) return [];
  const source = (file.isJavaScript ? untypedSource : typedSource).replace(/\n/g, file.eol);
  const end = file.text.length;
  const endsWithBreak = /\r?\n$/.test(file.text);
  return [{ start: end, end, newText: `${endsWithBreak ? '' : file.eol}${file.eol}${source}${file.eol}` }];
}

/** Removes one element of a comma-separated list (object literal, array, arguments) with its comma. */
export function removeListElement(file: TsFile, elements: ts.NodeArray<ts.Node>, element: ts.Node): OffsetEdit {
  const index = elements.indexOf(element);
  if (index > 0) {
    return { start: elements[index - 1].end, end: element.end, newText: '' };
  }
  if (elements.length > 1) {
    return { start: file.start(element), end: file.start(elements[1]), newText: '' };
  }
  return { start: file.start(element), end: element.end, newText: '' };
}

/** Escapes text for the inside of a template literal. */
export function escapeTemplateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** The type annotation suffix for an environment read in TypeScript (`!`), empty in JavaScript. */
export function nonNull(file: TsFile): string {
  return file.isJavaScript ? '' : '!';
}

/**
 * Edit that adds `property` to an options argument: a new `{ … }` argument after `afterIndex`
 * (before a callback), or a property at the start of an existing object literal.
 */
export function addOptionEdit(
  file: TsFile,
  call: { arguments: ts.NodeArray<ts.Expression> },
  optionsIndex: number,
  property: string,
): { start: number; end: number; newText: string } | undefined {
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
  if (optionsIndex === 0 && call.arguments.length === 0)
    return { start: call.arguments.pos, end: call.arguments.pos, newText: `{ ${property} }` };
  const previous = call.arguments[optionsIndex - 1];
  if (!previous) return undefined;
  return { start: previous.end, end: previous.end, newText: `, { ${property} }` };
}
