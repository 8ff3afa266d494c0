// .gitignore-style patterns: used for `.gitignore` files and for the config's `ignore` list,
// so both behave the way people already know from git.
import { compileGlob, type GlobMatcher } from './glob';

interface IgnorePattern {
  /** Matched without backtracking (core/glob.ts): a .gitignore line is untrusted input. */
  glob: GlobMatcher;
  negated: boolean;
  directoryOnly: boolean;
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
  // A pattern with a reversed class (`[z-a]`) matches nothing, as git would have it.
  const glob = compileGlob(text, { globstar: true, escapes: true, anyDepth: !anchored });
  if (!glob) return undefined;
  return { glob, negated, directoryOnly };
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
      if (pattern.glob.test(relativePath)) decision = !pattern.negated;
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
