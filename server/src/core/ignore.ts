// .gitignore-style patterns: used for `.gitignore` files and for the config's `ignore` list,
// so both behave the way people already know from git.

interface IgnorePattern {
  regex: RegExp;
  negated: boolean;
  directoryOnly: boolean;
}

function globToRegexSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          if (i + 2 === glob.length) {
            out += '.*';
            i += 1;
          } else {
            out += '(?:[^/]*/)*';
            i += 2;
          }
          continue;
        }
        i += 1;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += '[' + body.replace(/[\\\]]/g, (m) => '\\' + m) + ']';
      i = close;
    } else if (c === '\\' && i + 1 < glob.length) {
      i += 1;
      out += escapeRegexChar(glob[i]);
    } else {
      out += escapeRegexChar(c);
    }
  }
  return out;
}

function escapeRegexChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

/** Drops trailing white space unless the last space is escaped (`\ `), in linear time. */
function trimTrailingSpace(line: string): string {
  let end = line.length;
  while (end > 0 && /\s/.test(line[end - 1])) end--;
  if (end < line.length && end > 0 && line[end - 1] === '\\') end++;
  return line.slice(0, end);
}

function compilePattern(line: string): IgnorePattern | undefined {
  let text = trimTrailingSpace(line);
  if (text === '' || text.startsWith('#')) return undefined;
  let negated = false;
  if (text.startsWith('!')) {
    negated = true;
    text = text.slice(1);
  } else if (text.startsWith('\\!') || text.startsWith('\\#')) {
    text = text.slice(1);
  }
  let directoryOnly = false;
  if (text.endsWith('/')) {
    directoryOnly = true;
    text = text.slice(0, -1);
  }
  if (text === '') return undefined;
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  const source = globToRegexSource(text);
  const regex = new RegExp(anchored ? `^${source}$` : `^(?:.*/)?${source}$`);
  return { regex, negated, directoryOnly };
}

/** One list of patterns, relative to the folder it belongs to. */
export class IgnoreRules {
  private readonly patterns: IgnorePattern[];

  constructor(lines: readonly string[]) {
    this.patterns = [];
    for (const line of lines) {
      const pattern = compilePattern(line);
      if (pattern) this.patterns.push(pattern);
    }
  }

  static fromText(text: string): IgnoreRules {
    return new IgnoreRules(text.split(/\r?\n|\r/));
  }

  get isEmpty(): boolean {
    return this.patterns.length === 0;
  }

  /**
   * Whether this list alone decides `relativePath` (POSIX, relative to the list's folder):
   * `true` ignored, `false` re-included by a negation, `undefined` no pattern matched.
   */
  decide(relativePath: string, isDirectory: boolean): boolean | undefined {
    let decision: boolean | undefined;
    for (const pattern of this.patterns) {
      if (pattern.directoryOnly && !isDirectory) continue;
      if (pattern.regex.test(relativePath)) decision = !pattern.negated;
    }
    return decision;
  }

  /** Whether a file is ignored, counting a match on any folder above it (as git does). */
  ignores(relativePath: string, isDirectory = false): boolean {
    const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
    for (let i = 1; i <= segments.length; i++) {
      const isLast = i === segments.length;
      const decision = this.decide(segments.slice(0, i).join('/'), isLast ? isDirectory : true);
      if (decision === true && !isLast) return true;
      if (isLast) return decision === true;
    }
    return false;
  }
}
