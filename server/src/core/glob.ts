// Glob matching without regular expressions, in time bounded by the path's size whatever the
// pattern. A glob compiled to a RegExp backtracks: `*a*a*a*a*a*a*a*a*a*a*a*a*b` (a line of a
// .gitignore anyone can commit) against a 60-character name takes minutes, on the thread that
// walks the project. Here a path is matched segment by segment with the classic two-pointer
// wildcard algorithm, which only ever backtracks to the last star: O(n·m) at each level, and a
// pattern longer than what it could match is rejected before any work.

/** One character of a segment: a literal, `?`, or a `[…]` class. */
type Atom =
  | { kind: 'char'; code: number }
  | { kind: 'any' }
  | { kind: 'class'; negated: boolean; ranges: ReadonlyArray<readonly [number, number]> };

type Token = Atom | { kind: 'star' };

/** A pattern segment: a `**` (any number of segments) or tokens matching exactly one segment. */
type Segment =
  { kind: 'globstar' } | { kind: 'plain'; tokens: readonly Token[]; literal: string | undefined; minLength: number };

export interface GlobOptions {
  /** A `**` segment matches any number of segments (a trailing one at least one); else it is `*`. */
  globstar?: boolean;
  /** `\x` stands for a literal `x` (gitignore); else a backslash is an ordinary character. */
  escapes?: boolean;
  /** The pattern may match at any depth (an unanchored gitignore pattern, one without a `/`). */
  anyDepth?: boolean;
}

/** A compiled glob; `test` is linear in the pattern and at most quadratic in the path's segments. */
export interface GlobMatcher {
  test(path: string): boolean;
}

/**
 * A shell glob of a path (`*`, `?` and `[…]`/`[!…]` classes never match `/`), matched as a whole;
 * undefined when a class cannot be one (`[z-a]`).
 */
export function compileGlob(pattern: string, options: GlobOptions = {}): GlobMatcher | undefined {
  const segments = parseSegments(pattern, options);
  if (!segments) return undefined;
  return { test: (path) => matchSegments(segments, path.split('/')) };
}

function parseSegments(pattern: string, options: GlobOptions): Segment[] | undefined {
  const segments: Segment[] = [];
  if (options.anyDepth) segments.push({ kind: 'globstar' });
  const raw = splitSegments(pattern, options.escapes === true);
  for (let s = 0; s < raw.length; s++) {
    const text = raw[s];
    if (options.globstar && text === '**') {
      // Consecutive `**` segments mean the same as one.
      if (segments[segments.length - 1]?.kind !== 'globstar') segments.push({ kind: 'globstar' });
      continue;
    }
    const tokens = parseTokens(text, options.escapes === true);
    if (!tokens) return undefined;
    segments.push(plainSegment(tokens));
  }
  // `a/**` matches what is inside `a`, not `a` itself: one segment, then any number.
  const last = segments.length - 1;
  if (last > 0 && segments[last].kind === 'globstar') segments.splice(last, 0, plainSegment([{ kind: 'star' }]));
  return segments;
}

/** The pattern's segments at each `/` that is not inside a class (nor escaped). */
function splitSegments(pattern: string, escapes: boolean): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (escapes && c === '\\') i++;
    else if (c === '/') {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

function plainSegment(tokens: Token[]): Segment {
  let literal: string | undefined = '';
  let minLength = 0;
  for (const token of tokens) {
    if (token.kind !== 'star') minLength++;
    literal = literal !== undefined && token.kind === 'char' ? literal + String.fromCharCode(token.code) : undefined;
  }
  return { kind: 'plain', tokens, literal, minLength };
}

function parseTokens(text: string, escapes: boolean): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*') {
      // A run of stars means one star.
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const parsed = parseClass(text, i);
      if (parsed === 'invalid') return undefined;
      if (parsed) {
        tokens.push(parsed.atom);
        i = parsed.end;
      } else tokens.push({ kind: 'char', code: 0x5b });
    } else if (escapes && c === '\\' && i + 1 < text.length) {
      i++;
      tokens.push({ kind: 'char', code: text.charCodeAt(i) });
    } else tokens.push({ kind: 'char', code: text.charCodeAt(i) });
  }
  return tokens;
}

/**
 * The class opening at `open`: `[` then `!` or `^` to negate, then members (a `]` first is one),
 * single characters or `a-z` ranges, up to the next `]`. Undefined when there is no `]` (the `[`
 * is literal); 'invalid' for a reversed range. A backslash in a class is an ordinary character.
 */
function parseClass(text: string, open: number): { atom: Atom; end: number } | 'invalid' | undefined {
  let i = open + 1;
  const negated = text[i] === '!' || text[i] === '^';
  if (negated) i++;
  const close = text.indexOf(']', i + 1);
  if (close < 0) return undefined;
  const ranges: Array<readonly [number, number]> = [];
  for (let j = i; j < close; j++) {
    const lo = text.charCodeAt(j);
    if (text[j + 1] === '-' && j + 2 < close) {
      const hi = text.charCodeAt(j + 2);
      if (hi < lo) return 'invalid';
      ranges.push([lo, hi]);
      j += 2;
    } else ranges.push([lo, lo]);
  }
  return { atom: { kind: 'class', negated, ranges }, end: close };
}

function atomMatches(atom: Atom, code: number): boolean {
  if (atom.kind === 'char') return atom.code === code;
  if (atom.kind === 'any') return true;
  let inside = false;
  for (const [lo, hi] of atom.ranges)
    if (code >= lo && code <= hi) {
      inside = true;
      break;
    }
  return inside !== atom.negated;
}

/** One path segment (no `/` in it) against a plain pattern segment. */
function segmentMatches(segment: Extract<Segment, { kind: 'plain' }>, name: string): boolean {
  if (segment.literal !== undefined) return segment.literal === name;
  if (segment.minLength > name.length) return false;
  const tokens = segment.tokens;
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < name.length) {
    const token = tokens[p];
    if (token !== undefined && token.kind !== 'star' && atomMatches(token, name.charCodeAt(t))) {
      p++;
      t++;
    } else if (token?.kind === 'star') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p++;
  return p === tokens.length;
}

/** The same algorithm one level up: a `**` is a star over segments, a plain segment matches one. */
function matchSegments(segments: readonly Segment[], names: readonly string[]): boolean {
  let plain = 0;
  for (const segment of segments) if (segment.kind === 'plain') plain++;
  if (plain > names.length) return false;
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < names.length) {
    const segment = segments[p];
    if (segment?.kind === 'plain' && segmentMatches(segment, names[t])) {
      p++;
      t++;
    } else if (segment?.kind === 'globstar') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (segments[p]?.kind === 'globstar') p++;
  return p === segments.length;
}
