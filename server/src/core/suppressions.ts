// Inline suppression comments, the same words in every language:
//   blah-security-ignore-next-line <id>[, <id>...] [-- reason]   (the line below)
//   blah-security-ignore <id>[, <id>...] [-- reason]             (at the end of the flagged line)
// No id means every rule. Each language says where its comments are.
import { closestId } from './config';
import type { Finding, SuppressionMark } from './rule';

export const IGNORE_NEXT_LINE = 'blah-security-ignore-next-line';
export const IGNORE_LINE = 'blah-security-ignore';

export interface Suppression {
  /** The 0-based line whose findings are suppressed. */
  line: number;
  /** Rule ids, or `all`. */
  ruleIds: readonly string[] | 'all';
  /** The text after ` -- `, when the comment gives one. */
  reason?: string;
  /** Where the directive is written (offsets into the text), to report it and edit it. */
  at?: DirectiveSpan;
}

export interface DirectiveSpan {
  /** The directive word's offset. */
  start: number;
  /** Where the directive ends: the end of its line or the `*\/` closing its comment (exclusive). */
  end: number;
  /** Each id as written. */
  ids: ReadonlyArray<{ id: string; start: number; end: number }>;
}

/** Every occurrence of the directive word in the text (comment-ness is checked by the language). */
export function findDirectiveCandidates(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf(IGNORE_LINE); at >= 0; at = text.indexOf(IGNORE_LINE, at + IGNORE_LINE.length)) {
    offsets.push(at);
  }
  return offsets;
}

/**
 * Parses the directive that starts at `offset` (which holds `blah-security-ignore…`). `line` is
 * the line the comment is on. Returns undefined for text that only resembles a directive.
 */
export function parseDirective(text: string, offset: number, line: number): Suppression | undefined {
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  let rest = text.slice(offset, lineEnd);
  const closeBlock = rest.indexOf('*/');
  if (closeBlock >= 0) rest = rest.slice(0, closeBlock);
  let nextLine = false;
  if (rest.startsWith(IGNORE_NEXT_LINE)) {
    nextLine = true;
    rest = rest.slice(IGNORE_NEXT_LINE.length);
  } else {
    rest = rest.slice(IGNORE_LINE.length);
  }
  if (rest !== '' && !/^[\s,]/.test(rest)) return undefined; // e.g. blah-security-ignored
  const reasonAt = rest.indexOf('--');
  const idsText = reasonAt >= 0 ? rest.slice(0, reasonAt) : rest;
  const idsStart = offset + (nextLine ? IGNORE_NEXT_LINE.length : IGNORE_LINE.length);
  const end = idsStart + rest.trimEnd().length;
  const written = [...idsText.matchAll(/[^\s,]+/g)].map((m) => ({
    id: m[0],
    start: idsStart + m.index,
    end: idsStart + m.index + m[0].length,
  }));
  const ids = written.map((w) => w.id);
  const reason =
    reasonAt >= 0
      ? rest
          .slice(reasonAt + 2)
          .trim()
          .slice(0, MAX_REASON_LENGTH)
      : '';
  return {
    line: nextLine ? line + 1 : line,
    ruleIds: ids.length === 0 ? 'all' : ids,
    ...(reason !== '' ? { reason } : {}),
    at: { start: offset, end, ids: written },
  };
}

/** Characters of a suppression's reason kept (a reason is a sentence, not a document). */
export const MAX_REASON_LENGTH = 500;

/** The suppression that applies to a finding, if one does (recording, in `used`, every one that does). */
export function suppressionOf(
  finding: Pick<Finding, 'ruleId' | 'range'>,
  suppressions: readonly Suppression[],
  used?: SuppressionUse,
): Suppression | undefined {
  const line = finding.range.start.line;
  let first: Suppression | undefined;
  for (const s of suppressions) {
    if (s.line !== line || (s.ruleIds !== 'all' && !s.ruleIds.includes(finding.ruleId))) continue;
    first ??= s;
    if (!used) break;
    used.record(s, finding.ruleId);
  }
  return first;
}

/** Whether a suppression applies to a finding (recording, in `used`, every one that does). */
export function isSuppressed(
  finding: Pick<Finding, 'ruleId' | 'range'>,
  suppressions: readonly Suppression[],
  used?: SuppressionUse,
): boolean {
  return suppressionOf(finding, suppressions, used) !== undefined;
}

/** What a kept suppressed finding carries: the suppression comment's reason. */
export function suppressionMark(suppression: Suppression): SuppressionMark {
  return suppression.reason !== undefined ? { justification: suppression.reason } : {};
}

/** Which suppressions (and which of their ids) suppressed a finding. */
export class SuppressionUse {
  private readonly used = new Map<Suppression, Set<string>>();

  record(suppression: Suppression, ruleId: string): void {
    let ids = this.used.get(suppression);
    if (!ids) this.used.set(suppression, (ids = new Set()));
    ids.add(ruleId);
  }

  /** Whether the suppression suppressed a finding (of `ruleId`, when given). */
  suppressed(suppression: Suppression, ruleId?: string): boolean {
    const ids = this.used.get(suppression);
    return ids !== undefined && (ruleId === undefined || ids.has(ruleId));
  }
}

/** A suppression comment that is wrong (an id no rule has) or useless (it suppressed nothing). */
export interface SuppressionProblem {
  kind: 'unknown-rule' | 'unused';
  /** Offsets of the id (unknown), or of what the fix removes (unused). */
  start: number;
  end: number;
  message: string;
  /** The replacement or removal, as offsets into the text. */
  fix?: { title: string; start: number; end: number; newText: string };
}

export interface SuppressionJudgement {
  /** Every registered rule id (an id not among them is unknown). */
  knownRuleIds: readonly string[];
  /**
   * Rules whose findings cannot be told here: not run on this file (off, another language's rules
   * are not), failed, or with findings not all looked at. Their ids are never reported unused.
   */
  undecided: (ruleId: string) => boolean;
}

/**
 * The problems of a file's suppression comments: unknown ids (with the closest known id as their
 * replacement), and directives or ids that suppressed no finding (with their removal).
 */
export function suppressionProblems(
  text: string,
  suppressions: readonly Suppression[],
  used: SuppressionUse,
  judgement: SuppressionJudgement,
): SuppressionProblem[] {
  const problems: SuppressionProblem[] = [];
  const known = new Set(judgement.knownRuleIds);
  for (const suppression of suppressions) {
    if (problems.length >= MAX_SUPPRESSION_PROBLEMS) break;
    const at = suppression.at;
    if (!at) continue;
    const lineNumber = suppression.line + 1;
    if (suppression.ruleIds === 'all') {
      if (!used.suppressed(suppression))
        problems.push(unusedDirective(text, at, `Unused suppression: no finding on line ${lineNumber} to suppress.`));
      continue;
    }
    const unused: number[] = [];
    let decided = true;
    for (const [index, written] of at.ids.entries()) {
      if (problems.length >= MAX_SUPPRESSION_PROBLEMS) break;
      if (!known.has(written.id)) {
        const suggestion = closestId(written.id, judgement.knownRuleIds);
        problems.push({
          kind: 'unknown-rule',
          start: written.start,
          end: written.end,
          message: `Unknown rule "${shortened(written.id)}" in a suppression comment.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          ...(suggestion
            ? {
                fix: {
                  title: `Replace with ${suggestion}`,
                  start: written.start,
                  end: written.end,
                  newText: suggestion,
                },
              }
            : {}),
        });
        decided = false;
        continue;
      }
      if (judgement.undecided(written.id)) decided = false;
      else if (!used.suppressed(suppression, written.id)) unused.push(index);
    }
    if (unused.length === 0) continue;
    if (decided && unused.length === at.ids.length) {
      const names = [...new Set(unused.map((index) => at.ids[index].id))];
      const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
      problems.push(
        unusedDirective(text, at, `Unused suppression: no ${listed} finding on line ${lineNumber} to suppress.`),
      );
      continue;
    }
    for (const index of unused) {
      if (problems.length >= MAX_SUPPRESSION_PROBLEMS) break;
      const written = at.ids[index];
      // The id with the separator before it (or, for the first, the one after it).
      const start = index > 0 ? at.ids[index - 1].end : written.start;
      const end = index > 0 ? written.end : at.ids[index + 1].start;
      problems.push({
        kind: 'unused',
        start: written.start,
        end: written.end,
        message: `Unused suppression: no ${written.id} finding on line ${lineNumber} to suppress.`,
        fix: { title: `Remove ${written.id} from the suppression`, start, end, newText: '' },
      });
    }
  }
  return problems;
}

/** Problems reported per file at most: a file of thousands of bogus comments floods nobody. */
export const MAX_SUPPRESSION_PROBLEMS = 200;

/** An id as messages quote it: what was typed, not a pasted blob. */
function shortened(id: string): string {
  return id.length > 80 ? `${id.slice(0, 80)}…` : id;
}

/** A whole directive that suppressed nothing, with the removal of its comment (or of the directive). */
function unusedDirective(text: string, at: DirectiveSpan, message: string): SuppressionProblem {
  const removal = directiveRemoval(text, at);
  return {
    kind: 'unused',
    start: at.start,
    end: at.end,
    message,
    fix: { title: 'Remove the unused suppression', ...removal, newText: '' },
  };
}

/**
 * What to delete to remove a directive: its whole line when the comment is alone on it, the
 * comment when code precedes it, else (a directive inside a longer comment) the directive alone.
 */
export function directiveRemoval(text: string, at: DirectiveSpan): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', at.start - 1) + 1;
  let lineEnd = text.indexOf('\n', at.start);
  if (lineEnd < 0) lineEnd = text.length;
  const contentEnd = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  // The comment opener right before the directive (blanks between allowed), and the blanks before it.
  const before = text.slice(lineStart, at.start).trimEnd();
  const marker = before.endsWith('//') ? '//' : before.endsWith('/*') ? '/*' : before.endsWith('#') ? '#' : undefined;
  if (!marker) return { start: at.start, end: at.end };
  const openerAt = before.length - marker.length;
  const commentStart = lineStart + before.slice(0, openerAt).trimEnd().length;
  let commentEnd = at.end;
  if (marker === '/*') {
    const close = /^\s*\*\//.exec(text.slice(at.end, contentEnd));
    if (!close) return { start: at.start, end: at.end }; // a block comment that goes on
    commentEnd = at.end + close[0].length;
  }
  const aloneOnLine =
    text.slice(lineStart, commentStart).trim() === '' && text.slice(commentEnd, contentEnd).trim() === '';
  if (aloneOnLine) return { start: lineStart, end: lineEnd < text.length ? lineEnd + 1 : contentEnd };
  // Code before the comment (or after a block comment): the comment goes with the blanks before it.
  if (text.slice(commentEnd, contentEnd).trim() === '') return { start: commentStart, end: contentEnd };
  return { start: commentStart, end: commentEnd };
}

/** Suppressions in `#`/`//` comment spans that a language parser found (offsets into `text`). */
export function suppressionsInComments(
  text: string,
  comments: ReadonlyArray<{ start: number; end: number; line: number }>,
): Suppression[] {
  const suppressions: Suppression[] = [];
  for (const comment of comments) {
    const at = text.indexOf(IGNORE_LINE, comment.start);
    if (at < 0 || at >= comment.end) continue;
    const suppression = parseDirective(text, at, comment.line);
    if (suppression) suppressions.push(suppression);
  }
  return suppressions;
}
