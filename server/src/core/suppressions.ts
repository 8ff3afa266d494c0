// Inline suppression comments, the same words in every language:
//   blah-security-ignore-next-line <id>[, <id>...] [-- reason]   (the line below)
//   blah-security-ignore <id>[, <id>...] [-- reason]             (at the end of the flagged line)
// No id means every rule. Each language says where its comments are.
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
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  let rest = text.slice(offset, end);
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
  const idsText = (reasonAt >= 0 ? rest.slice(0, reasonAt) : rest).trim();
  const ids = idsText.split(/[\s,]+/).filter((id) => id !== '');
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
  };
}

/** Characters of a suppression's reason kept (a reason is a sentence, not a document). */
export const MAX_REASON_LENGTH = 500;

/** The suppression that applies to a finding, if one does. */
export function suppressionOf(
  finding: Pick<Finding, 'ruleId' | 'range'>,
  suppressions: readonly Suppression[],
): Suppression | undefined {
  const line = finding.range.start.line;
  return suppressions.find((s) => s.line === line && (s.ruleIds === 'all' || s.ruleIds.includes(finding.ruleId)));
}

/** What a kept suppressed finding carries: the suppression comment's reason. */
export function suppressionMark(suppression: Suppression): SuppressionMark {
  return suppression.reason !== undefined ? { justification: suppression.reason } : {};
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
