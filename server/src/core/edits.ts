// Applying fixes: several fixes at once (fix-all, fixture snapshots) keep the first of any
// overlapping edits and collapse identical ones (two fixes that add the same helper function).
import type { FileAppend, Fix, TextEdit } from './rule';
import { LineIndex } from './text';

/** The edits of `fixes` that can be applied together, in document order. */
export function combineFixes(fixes: readonly Fix[]): TextEdit[] {
  return selectFixes(fixes).edits;
}

/**
 * The fixes that can be applied together (earlier ones win an overlap), and their edits in
 * document order. A fix is taken whole or not at all.
 */
export function selectFixes(fixes: readonly Fix[]): { fixes: Fix[]; edits: TextEdit[] } {
  const accepted: TextEdit[] = [];
  const taken: Fix[] = [];
  const key = (e: TextEdit): string =>
    `${e.range.start.line}:${e.range.start.character}:${e.range.end.line}:${e.range.end.character}:${e.newText}`;
  const seen = new Set<string>();
  for (const fix of fixes) {
    const fresh = fix.edits.filter((e) => !seen.has(key(e)));
    if (fresh.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    taken.push(fix);
    for (const e of fresh) {
      seen.add(key(e));
      accepted.push(e);
    }
  }
  return {
    fixes: taken,
    edits: accepted.sort((a, b) => compare(a.range.start, b.range.start) || compare(a.range.end, b.range.end)),
  };
}

function compare(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point conflict (their order would be arbitrary); otherwise ranges must intersect.
  const aEmpty = compare(a.range.start, a.range.end) === 0;
  const bEmpty = compare(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return compare(a.range.start, b.range.start) === 0;
  return compare(a.range.start, b.range.end) < 0 && compare(b.range.start, a.range.end) < 0;
}

/** Applies non-overlapping edits to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of offsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The lines of `append` that `existing` (undefined: the file does not exist) still lacks. */
export function linesToAppend(existing: string | undefined, append: FileAppend): string[] {
  const present = (existing ?? '').split(/\r?\n/).map((line) => line.trim());
  const prefixes = append.presentIfLineStartsWith ?? [];
  return append.lines.filter(
    (line) =>
      !present.includes(line.trim()) &&
      !present.some((p) => prefixes.some((prefix) => line.startsWith(prefix) && p.startsWith(prefix))),
  );
}

/** The text of a file after appending `lines` (keeping its line breaks). */
export function appendLinesToText(existing: string | undefined, lines: readonly string[]): string {
  const text = existing ?? '';
  const eol = new LineIndex(text).eol;
  const separator = text.length > 0 && !/\r?\n$/.test(text) ? eol : '';
  return text + separator + lines.map((line) => line + eol).join('');
}
