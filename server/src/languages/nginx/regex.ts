// The PCRE patterns nginx compiles (location ~, rewrite, if, map, server_name, valid_referers),
// parsed into a small tree: which characters a capture group can hold (a line break? a dot?),
// what it starts with, a short string it matches, and the same pattern as a JavaScript RegExp
// to try candidate strings against. Constructs outside the common subset (backreferences,
// recursion, conditionals, \Q…\E) make the parse give up rather than guess.

type Words = readonly [number, number, number, number, number];

/** Characters 0–127 one by one (four 32-bit words), and every non-ASCII character as one more bit. */
export class CharSet {
  private constructor(private readonly w: Words) {}

  static empty(): CharSet {
    return new CharSet([0, 0, 0, 0, 0]);
  }

  static all(): CharSet {
    return new CharSet([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 1]);
  }

  static of(chars: string): CharSet {
    const w: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    for (let i = 0; i < chars.length; i++) {
      const code = chars.charCodeAt(i);
      if (code > 127) w[4] = 1;
      else w[code >> 5] = (w[code >> 5] | (1 << (code & 31))) >>> 0;
    }
    return new CharSet(w);
  }

  static range(from: number, to: number): CharSet {
    const w: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    for (let code = from; code <= Math.min(to, 127); code++) w[code >> 5] = (w[code >> 5] | (1 << (code & 31))) >>> 0;
    if (to > 127) w[4] = 1;
    return new CharSet(w);
  }

  has(char: string): boolean {
    return this.hasCode(char.charCodeAt(0));
  }

  private hasCode(code: number): boolean {
    return code > 127 ? this.w[4] === 1 : ((this.w[code >> 5] >>> (code & 31)) & 1) === 1;
  }

  union(other: CharSet): CharSet {
    const [a, b, c, d, e] = this.w;
    const o = other.w;
    return new CharSet([(a | o[0]) >>> 0, (b | o[1]) >>> 0, (c | o[2]) >>> 0, (d | o[3]) >>> 0, e | o[4]]);
  }

  intersect(other: CharSet): CharSet {
    const [a, b, c, d, e] = this.w;
    const o = other.w;
    return new CharSet([(a & o[0]) >>> 0, (b & o[1]) >>> 0, (c & o[2]) >>> 0, (d & o[3]) >>> 0, e & o[4]]);
  }

  negate(): CharSet {
    const [a, b, c, d, e] = this.w;
    return new CharSet([~a >>> 0, ~b >>> 0, ~c >>> 0, ~d >>> 0, e ^ 1]);
  }

  /** With both cases of every ASCII letter it has. */
  foldCase(): CharSet {
    const letters = 0x07fffffe; // bits 1–26 of the words holding A–Z (64–95) and a–z (96–127)
    const [a, b, c, d, e] = this.w;
    const both = (c | d) & letters;
    return new CharSet([a, b, (c | both) >>> 0, (d | both) >>> 0, e]);
  }

  get isEmpty(): boolean {
    return this.w.every((x) => x === 0);
  }

  /** Only characters of `allowed`. */
  within(allowed: CharSet): boolean {
    return this.w.every((x, i) => (x & ~allowed.w[i]) === 0);
  }

  /** A character of the set a hostname or path would use, preferring letters. */
  representative(): string | undefined {
    for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ_') if (this.has(c)) return c;
    for (let c = 33; c < 127; c++) if (this.hasCode(c)) return String.fromCharCode(c);
    for (let c = 0; c < 128; c++) if (this.hasCode(c)) return String.fromCharCode(c);
    return this.w[4] ? '\u00e9' : undefined;
  }

  /** As a JavaScript character class. */
  toClass(): string {
    let out = '';
    for (let c = 0; c < 128; c++) {
      if (!this.hasCode(c)) continue;
      let end = c;
      while (end + 1 < 128 && this.hasCode(end + 1)) end++;
      out += end > c ? `${hex(c)}-${hex(end)}` : hex(c);
      c = end;
    }
    if (this.w[4]) out += '\\u0080-\\uffff';
    if (out === '') return '[^\\s\\S]';
    return /^\\x[0-9a-f]{2}$/.test(out) ? out : `[${out}]`;
  }
}

function hex(code: number): string {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

export type RegexNode =
  /** One character: a literal (`literal` set), an escape, a class or `.` (`dot`). */
  | { kind: 'char'; set: CharSet; literal?: string; dot?: boolean }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; branches: RegexNode[] }
  | { kind: 'group'; body: RegexNode; index?: number; name?: string }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number }
  | { kind: 'anchor'; which: 'start' | 'end' | 'boundary' }
  | { kind: 'look'; body: RegexNode; ahead: boolean; negative: boolean };

export interface RegexGroup {
  index: number;
  name?: string;
  body: RegexNode;
}

export interface ParsedRegex {
  source: string;
  root: RegexNode;
  groups: RegexGroup[];
}

const digits = CharSet.range(48, 57);
const word = digits.union(CharSet.range(65, 90)).union(CharSet.range(97, 122)).union(CharSet.of('_'));
const space = CharSet.of(' \t\n\r\f\v');
const horizontal = CharSet.of(' \t');
const vertical = CharSet.of('\n\r\f\v');
const lineBreak = CharSet.of('\n');

const posixClasses: Record<string, CharSet> = {
  alpha: CharSet.range(65, 90).union(CharSet.range(97, 122)),
  digit: digits,
  alnum: digits.union(CharSet.range(65, 90)).union(CharSet.range(97, 122)),
  upper: CharSet.range(65, 90),
  lower: CharSet.range(97, 122),
  space,
  blank: horizontal,
  word,
  xdigit: digits.union(CharSet.range(65, 70)).union(CharSet.range(97, 102)),
  punct: CharSet.range(33, 47).union(CharSet.range(58, 64)).union(CharSet.range(91, 96)).union(CharSet.range(123, 126)),
  print: CharSet.range(32, 126),
  graph: CharSet.range(33, 126),
  cntrl: CharSet.range(0, 31).union(CharSet.of('\x7f')),
};

class Unsupported extends Error {}

interface Flags {
  caseless: boolean;
  dotAll: boolean;
  extended: boolean;
}

/** Parses a PCRE pattern as nginx compiles it (`caseless` for `~*`); undefined when outside the subset. */
export function parseRegex(source: string, caseless = false): ParsedRegex | undefined {
  if (source.length > 2000) return undefined;
  let at = 0;
  let groupCount = 0;
  const groups: RegexGroup[] = [];

  const charNode = (set: CharSet, flags: Flags, literal?: string): RegexNode => {
    const folded = flags.caseless ? set.foldCase() : set;
    return literal !== undefined ? { kind: 'char', set: folded, literal } : { kind: 'char', set: folded };
  };

  /** A backslash escape: a character set, an anchor, or undefined for an escaped literal. */
  const escape = (inClass: boolean): CharSet | 'anchor-start' | 'anchor-end' | 'boundary' | string => {
    const c = source[at++];
    if (c === undefined) throw new Unsupported();
    switch (c) {
      case 'd':
        return digits;
      case 'D':
        return digits.negate();
      case 'w':
        return word;
      case 'W':
        return word.negate();
      case 's':
        return space;
      case 'S':
        return space.negate();
      case 'h':
        return horizontal;
      case 'H':
        return horizontal.negate();
      case 'v':
        return vertical;
      case 'V':
        return vertical.negate();
      case 'R':
        if (inClass) throw new Unsupported();
        return vertical;
      case 'N':
        return lineBreak.negate();
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'f':
        return '\f';
      case 'e':
        return '\x1b';
      case 'a':
        return '\x07';
      case '0':
        return '\0';
      case 'x': {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(source.slice(at));
        const plain = /^[0-9a-fA-F]{1,2}/.exec(source.slice(at));
        const m = braced ?? plain;
        if (!m) return '\0';
        at += m[0].length;
        return String.fromCharCode(Math.min(parseInt(braced ? braced[1] : m[0], 16), 0xffff));
      }
      case 'c': {
        const next = source[at++];
        if (next === undefined) throw new Unsupported();
        return String.fromCharCode(next.toUpperCase().charCodeAt(0) ^ 0x40);
      }
      case 'b':
        if (inClass) return '\b';
        return 'boundary';
      case 'B':
        if (inClass) throw new Unsupported();
        return 'boundary';
      case 'A':
      case 'G':
        if (inClass) throw new Unsupported();
        return 'anchor-start';
      case 'z':
      case 'Z':
        if (inClass) throw new Unsupported();
        return 'anchor-end';
      default:
        // Backreferences, \Q…\E, \K, \p{…}, \X: outside the subset.
        if (/[1-9gkQEKpPXCu]/.test(c)) throw new Unsupported();
        return c;
    }
  };

  const parseClass = (flags: Flags): RegexNode => {
    // `[` consumed.
    let negated = false;
    if (source[at] === '^') {
      negated = true;
      at++;
    }
    let set = CharSet.empty();
    let first = true;
    for (;;) {
      const c = source[at];
      if (c === undefined) throw new Unsupported();
      if (c === ']' && !first) {
        at++;
        break;
      }
      first = false;
      if (c === '[' && source[at + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(at));
        const cls = m ? posixClasses[m[2]] : undefined;
        if (m && cls) {
          set = set.union(m[1] ? cls.negate() : cls);
          at += m[0].length;
          continue;
        }
      }
      let low: string | undefined;
      at++;
      if (c === '\\') {
        const e = escape(true);
        if (typeof e !== 'string') {
          set = set.union(e);
          continue;
        }
        if (e === 'anchor-start' || e === 'anchor-end' || e === 'boundary') throw new Unsupported();
        low = e;
      } else {
        low = c;
      }
      if (source[at] === '-' && source[at + 1] !== undefined && source[at + 1] !== ']') {
        at++;
        let high = source[at++];
        if (high === '\\') {
          const e = escape(true);
          if (typeof e !== 'string' || e.length !== 1) throw new Unsupported();
          high = e;
        }
        const from = low.charCodeAt(0);
        const to = high.charCodeAt(0);
        if (to < from) throw new Unsupported();
        set = set.union(CharSet.range(from, to));
        continue;
      }
      set = set.union(CharSet.of(low));
    }
    const folded = flags.caseless ? set.foldCase() : set;
    return { kind: 'char', set: negated ? folded.negate() : folded };
  };

  const applyFlags = (letters: string, flags: Flags): void => {
    let on = true;
    for (const l of letters) {
      if (l === '-') on = false;
      else if (l === 'i') flags.caseless = on;
      else if (l === 's') flags.dotAll = on;
      else if (l === 'x') flags.extended = on;
      else if (l === 'm' || l === 'U' || l === 'J' || l === 'n') throw new Unsupported();
    }
  };

  const parseGroup = (flags: Flags): RegexNode | undefined => {
    // `(` consumed.
    const rest = source.slice(at);
    let name: string | undefined;
    let capture = true;
    const named = /^\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
    if (named) {
      name = named[1] ?? named[2];
      at += named[0].length;
    } else if (rest.startsWith('?#')) {
      const close = source.indexOf(')', at);
      if (close < 0) throw new Unsupported();
      at = close + 1;
      return undefined;
    } else if (/^\?(?:=|!|<=|<!)/.test(rest)) {
      const m = /^\?(=|!|<=|<!)/.exec(rest)!;
      at += m[0].length;
      const body = parseAlt({ ...flags });
      expect(')');
      return { kind: 'look', body, ahead: !m[1].startsWith('<'), negative: m[1].endsWith('!') };
    } else if (rest.startsWith('?:') || rest.startsWith('?>')) {
      at += 2;
      capture = false;
    } else if (rest.startsWith('?')) {
      const m = /^\?([a-zA-Z-]*)(:|\))/.exec(rest);
      if (!m) throw new Unsupported(); // (?|…), (?R), (?(cond)…), (?P=name)…
      at += m[0].length;
      if (m[2] === ')') {
        applyFlags(m[1], flags);
        return undefined;
      }
      const inner = { ...flags };
      applyFlags(m[1], inner);
      const body = parseAlt(inner);
      expect(')');
      return { kind: 'group', body };
    }
    let index: number | undefined;
    if (capture) index = ++groupCount;
    const body = parseAlt({ ...flags });
    expect(')');
    const node: RegexNode = {
      kind: 'group',
      body,
      ...(index !== undefined ? { index } : {}),
      ...(name ? { name } : {}),
    };
    if (index !== undefined) groups.push({ index, body, ...(name ? { name } : {}) });
    return node;
  };

  const expect = (c: string): void => {
    if (source[at] !== c) throw new Unsupported();
    at++;
  };

  const quantifier = (): { min: number; max: number } | undefined => {
    const c = source[at];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) {
      at++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (!m) return undefined;
      at += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) throw new Unsupported();
      q = { min, max };
    } else {
      return undefined;
    }
    if (source[at] === '?' || source[at] === '+') at++; // lazy or possessive: same language
    return q;
  };

  const parseSeq = (flags: Flags): RegexNode => {
    const items: RegexNode[] = [];
    for (;;) {
      const c = source[at];
      if (c === undefined || c === '|' || c === ')') break;
      if (flags.extended && /\s/.test(c)) {
        at++;
        continue;
      }
      if (flags.extended && c === '#') {
        const nl = source.indexOf('\n', at);
        at = nl < 0 ? source.length : nl + 1;
        continue;
      }
      let atom: RegexNode | undefined;
      at++;
      if (c === '(') {
        atom = parseGroup(flags);
        if (!atom) continue;
      } else if (c === '[') {
        atom = parseClass(flags);
      } else if (c === '.') {
        atom = { kind: 'char', set: flags.dotAll ? CharSet.all() : lineBreak.negate(), dot: true };
      } else if (c === '^') {
        atom = { kind: 'anchor', which: 'start' };
      } else if (c === '$') {
        atom = { kind: 'anchor', which: 'end' };
      } else if (c === '\\') {
        const e = escape(false);
        if (e === 'anchor-start') atom = { kind: 'anchor', which: 'start' };
        else if (e === 'anchor-end') atom = { kind: 'anchor', which: 'end' };
        else if (e === 'boundary') atom = { kind: 'anchor', which: 'boundary' };
        else if (typeof e === 'string') atom = charNode(CharSet.of(e), flags, e);
        else atom = charNode(e, flags);
      } else if (c === '*' || c === '+' || c === '?') {
        throw new Unsupported();
      } else {
        atom = charNode(CharSet.of(c), flags, c);
      }
      for (let q = quantifier(); q; q = quantifier()) {
        if (atom.kind === 'anchor') throw new Unsupported();
        atom = { kind: 'repeat', body: atom, min: q.min, max: q.max };
      }
      items.push(atom);
    }
    return items.length === 1 ? items[0] : { kind: 'seq', items };
  };

  function parseAlt(flags: Flags): RegexNode {
    const branches = [parseSeq(flags)];
    while (source[at] === '|') {
      at++;
      branches.push(parseSeq(flags));
    }
    return branches.length === 1 ? branches[0] : { kind: 'alt', branches };
  }

  try {
    const root = parseAlt({ caseless, dotAll: false, extended: false });
    if (at < source.length) return undefined; // a stray `)`
    return { source, root, groups };
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** Every character a match of `node` can hold. */
export function charsOf(node: RegexNode): CharSet {
  switch (node.kind) {
    case 'char':
      return node.set;
    case 'seq':
      return node.items.reduce((set, item) => set.union(charsOf(item)), CharSet.empty());
    case 'alt':
      return node.branches.reduce((set, item) => set.union(charsOf(item)), CharSet.empty());
    case 'group':
      return charsOf(node.body);
    case 'repeat':
      return node.max === 0 ? CharSet.empty() : charsOf(node.body);
    default:
      return CharSet.empty();
  }
}

/** The characters a match can start with, and whether it can be empty. */
export function firstOf(node: RegexNode): { first: CharSet; nullable: boolean } {
  switch (node.kind) {
    case 'char':
      return { first: node.set, nullable: false };
    case 'seq': {
      let first = CharSet.empty();
      for (const item of node.items) {
        const f = firstOf(item);
        first = first.union(f.first);
        if (!f.nullable) return { first, nullable: false };
      }
      return { first, nullable: true };
    }
    case 'alt': {
      let first = CharSet.empty();
      let nullable = false;
      for (const branch of node.branches) {
        const f = firstOf(branch);
        first = first.union(f.first);
        nullable ||= f.nullable;
      }
      return { first, nullable };
    }
    case 'group':
      return firstOf(node.body);
    case 'repeat': {
      if (node.max === 0) return { first: CharSet.empty(), nullable: true };
      const f = firstOf(node.body);
      return { first: f.first, nullable: f.nullable || node.min === 0 };
    }
    default:
      return { first: CharSet.empty(), nullable: true };
  }
}

/** A short string `node` matches: optional parts once, the first alternative, letters for classes. */
export function sampleOf(node: RegexNode, repeated = false): string {
  switch (node.kind) {
    case 'char':
      if (node.literal !== undefined) return node.literal;
      if (node.dot && !repeated) return '.';
      return node.set.representative() ?? '';
    case 'seq':
      return node.items.map((item) => sampleOf(item, repeated)).join('');
    case 'alt':
      return sampleOf(node.branches[0], repeated);
    case 'group':
      return sampleOf(node.body, repeated);
    case 'repeat': {
      const count = node.max === 0 ? 0 : Math.max(node.min, 1);
      return sampleOf(node.body, repeated || node.max > 1).repeat(Math.min(count, 8));
    }
    default:
      return '';
  }
}

/** The pattern as a JavaScript RegExp source (case folding is already in the character sets). */
export function toJavaScript(node: RegexNode): string {
  switch (node.kind) {
    case 'char':
      return node.set.toClass();
    case 'seq':
      return node.items.map(toJavaScript).join('');
    case 'alt':
      return `(?:${node.branches.map(toJavaScript).join('|')})`;
    case 'group':
      return node.index !== undefined ? `(${toJavaScript(node.body)})` : `(?:${toJavaScript(node.body)})`;
    case 'repeat':
      return `(?:${toJavaScript(node.body)}){${node.min},${node.max === Infinity ? '' : node.max}}`;
    case 'anchor':
      return node.which === 'start' ? '^' : node.which === 'end' ? '$' : '\\b';
    case 'look':
      return `(?${node.ahead ? '' : '<'}${node.negative ? '!' : '='}${toJavaScript(node.body)})`;
  }
}

/** The top-level alternatives of a pattern (`^a|b` is `^a` or `b`, each anchored on its own). */
export function branchesOf(parsed: ParsedRegex): RegexNode[] {
  return parsed.root.kind === 'alt' ? parsed.root.branches : [parsed.root];
}

/** The items of a branch, in order. */
export function itemsOf(node: RegexNode): RegexNode[] {
  return node.kind === 'seq' ? node.items : [node];
}

/**
 * Where each top-level alternative of `source` starts and ends in the source text (outside
 * groups and classes), so a fix can rewrite one alternative.
 */
export function branchSpans(source: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      spans.push({ start, end: i });
      start = i + 1;
    }
  }
  spans.push({ start, end: source.length });
  return spans;
}
