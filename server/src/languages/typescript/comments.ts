// The code of a file without its comments, for the few questions still answered by a regular
// expression over the text (a file that checks `headers.origin`, a handler that reads
// `authorization`): a comment that mentions such code is not that code. Offsets are kept, so a
// match's index is still a position in the file.
import ts from 'typescript';
import type { TsFile } from './file';

/** The tokens inside which `//` and `/*` open no comment; the tree knows where each one is. */
// A switch, not a Set built at load: a module-level use of `ts` loads the compiler in every
// bundle that imports this file, the CLI's main thread included.
function isLiteralKind(kind: ts.SyntaxKind): boolean {
  switch (kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateHead:
    case ts.SyntaxKind.TemplateMiddle:
    case ts.SyntaxKind.TemplateTail:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.JsxText:
      return true;
    default:
      return false;
  }
}

/** The file's text with every comment (and a `#!` line) replaced by spaces, line breaks kept. */
export function codeText(file: TsFile): string {
  return file.cached('codeText', blankComments);
}

/** The text of a node without its comments (`file.textOf` with comments blanked). */
export function codeTextOf(file: TsFile, node: ts.Node): string {
  return codeText(file).slice(file.start(node), node.end);
}

function blankComments(file: TsFile): string {
  const text = file.text;
  const shebang = text.startsWith('#!');
  if (!shebang && !text.includes('//') && !text.includes('/*')) return text;
  // Between two literals every `//` and `/*` opens a comment: division, regular expressions and
  // strings are all literals or single characters there.
  const literals: Array<readonly [number, number]> = [];
  for (const node of file.nodes) if (isLiteralKind(node.kind)) literals.push([file.start(node), node.end]);
  literals.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let at = 0;
  const blank = (start: number, end: number): void => {
    out.push(text.slice(at, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    at = end;
  };
  if (shebang) {
    const end = text.search(/\r?\n|$/);
    blank(0, end);
  }
  let gapStart = at;
  for (let i = 0; i <= literals.length; i++) {
    const gapEnd = i < literals.length ? literals[i][0] : text.length;
    let position = Math.max(gapStart, at);
    while (position < gapEnd) {
      const slash = text.indexOf('/', position);
      if (slash < 0 || slash >= gapEnd) break;
      const next = text.charCodeAt(slash + 1);
      if (next === 47 /* / */) {
        const lineEnd = text.slice(slash).search(/\r?\n|\u2028|\u2029/);
        const end = lineEnd < 0 ? text.length : slash + lineEnd;
        blank(slash, end);
        position = end;
      } else if (next === 42 /* * */) {
        const close = text.indexOf('*/', slash + 2);
        const end = close < 0 ? text.length : close + 2;
        blank(slash, end);
        position = end;
      } else position = slash + 1;
    }
    if (i < literals.length) gapStart = Math.max(literals[i][1], position);
  }
  out.push(text.slice(at));
  return out.join('');
}
