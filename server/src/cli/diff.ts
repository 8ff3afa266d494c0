// Unified diffs of what --fix-dry-run would write: lines compared with Myers' O(ND) algorithm
// after the common head and tail are set aside, three lines of context, as `diff -u` prints.

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Edit distance beyond which the changed middle is shown as removed and added whole. */
const MAX_EDIT_DISTANCE = 1000;
const CONTEXT = 3;

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

/** The shortest edit script from `a` to `b` (Myers), or undefined past MAX_EDIT_DISTANCE. */
function myers(a: readonly string[], b: readonly string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d, offset);
    }
  }
  return undefined;
}

function backtrack(
  a: readonly string[],
  b: readonly string[],
  trace: Int32Array[],
  last: number,
  offset: number,
): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = last; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = v[offset + previousK];
    const previousY = previousX - previousK;
    for (; x > previousX && y > previousY; y--) ops.push({ kind: ' ', line: a[--x] });
    if (down) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  for (; x > 0 && y > 0; y--) ops.push({ kind: ' ', line: a[--x] });
  return ops.reverse();
}

/**
 * `diff -u` of two texts (undefined `before`: a file that does not exist yet). Empty when they
 * are equal.
 */
export function unifiedDiff(before: string | undefined, after: string, name: string): string {
  if (before === after) return '';
  const old = splitLines(before ?? '');
  const now = splitLines(after);
  // A last line without a newline differs from the same line with one.
  const a = old.lines.map((line, i) => (i === old.lines.length - 1 && !old.finalNewline ? line + '\u0000' : line));
  const b = now.lines.map((line, i) => (i === now.lines.length - 1 && !now.finalNewline ? line + '\u0000' : line));
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);
  const middle = myers(middleA, middleB) ?? [
    ...middleA.map((line): Op => ({ kind: '-', line })),
    ...middleB.map((line): Op => ({ kind: '+', line })),
  ];
  const ops: Op[] = [
    ...a.slice(0, head).map((line): Op => ({ kind: ' ', line })),
    ...middle,
    ...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })),
  ];
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${name}`}`, `+++ b/${name}`];
  // Hunks: each change with CONTEXT lines around it, changes closer than 2 * CONTEXT joined.
  const changed = ops.map((op, i) => (op.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let at = 0;
  while (at < changed.length) {
    let end = at;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * CONTEXT) end++;
    const from = Math.max(0, changed[at] - CONTEXT);
    const to = Math.min(ops.length, changed[end] + CONTEXT + 1);
    let oldStart = 0;
    let newStart = 0;
    for (let i = 0; i < from; i++) {
      if (ops[i].kind !== '+') oldStart++;
      if (ops[i].kind !== '-') newStart++;
    }
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    const range = (start: number, count: number): string => `${count === 0 ? start : start + 1},${count}`;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) {
      const noNewline = op.line.endsWith('\u0000');
      out.push(op.kind + (noNewline ? op.line.slice(0, -1) : op.line));
      if (noNewline) out.push('\\ No newline at end of file');
    }
    at = end + 1;
  }
  return out.join('\n') + '\n';
}
