// Offsets <-> LSP positions (0-based line, UTF-16 character), shared by every language and face.
import type { Position, Range } from './rule';

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    // Most files have no \r: find each \n with indexOf (a native scan, ~10x the loop below).
    if (text.indexOf('\r') < 0) {
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The leading white space of a line. */
  indentation(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))?.[0] ?? '';
  }

  /** The line break the file uses most at its first line break ("\n" when it has none). */
  get eol(): string {
    const first = this.text.search(/\r\n|\n|\r/);
    if (first < 0) return '\n';
    return this.text.startsWith('\r\n', first) ? '\r\n' : this.text[first];
  }
}

export function compareRanges(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.end.line - b.end.line ||
    a.end.character - b.end.character
  );
}

export function rangeContains(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line ||
    (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** The text with its first letter in upper case (a message that starts with a value's name). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Code quoted in a message: white space flattened, cut to `max` characters with an ellipsis. */
export function shorten(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/**
 * `text` as a pattern that matches it literally (every metacharacter escaped, and `/`). Every
 * value a rule or a language puts into `new RegExp` that is not a constant of ours goes through
 * it (test/engine/redos.test.ts checks).
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * `text` with what is nested deeper than `maxDepth` brackets (`(`, `[`, `{`) blanked: replaced by
 * spaces, line breaks kept, so that every offset and line stays where it was. For a parser that
 * recurses once per level and overflows the stack on absurd nesting: the rest of the file can
 * still be analyzed. Brackets in strings, template text and comments are not counted, roughly
 * (a regular expression literal's are). Undefined when nothing is that deep; else the blanked
 * text and where the first blanked part starts.
 */
export function flattenDeepNesting(text: string, maxDepth: number): { text: string; start: number } | undefined {
  let depth = 0;
  let blankFrom = -1;
  let first = -1;
  const parts: string[] = [];
  let copied = 0;
  const blank = (from: number, to: number): void => {
    parts.push(text.slice(copied, from), text.slice(from, to).replace(/[^\r\n]/g, ' '));
    copied = to;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      // To the closing quote (a template's `${` is not followed: its brackets are not counted).
      for (i++; i < text.length && text[i] !== c && !(c !== '`' && text[i] === '\n'); i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > maxDepth && blankFrom < 0) {
        blankFrom = i;
        if (first < 0) first = i;
      }
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) {
      depth--;
      if (depth === maxDepth && blankFrom >= 0) {
        blank(blankFrom, i + 1);
        blankFrom = -1;
      }
    }
  }
  if (blankFrom >= 0) blank(blankFrom, text.length);
  if (first < 0) return undefined;
  parts.push(text.slice(copied));
  return { text: parts.join(''), start: first };
}
