// Fingerprints that follow a finding when lines move: what SARIF's partialFingerprints carry for
// code scanning, and what a baseline remembers. A fingerprint hashes the rule, the file's path
// as the report shows it and the flagged text with its white space collapsed, plus the finding's
// place among the findings of that rule with the same text in the file (two identical lines
// flagged by one rule are two findings). Lines inserted or removed elsewhere change none of these.
import { createHash } from 'node:crypto';
import type { Range } from '../core/rule';
import { LineIndex } from '../core/text';

/** The partialFingerprints key (its version changes if the recipe ever does). */
export const FINGERPRINT_KEY = 'blahSecurity/v1';

/** Characters of flagged text that go into a fingerprint (a flagged range can be a whole block). */
const MAX_FLAGGED_TEXT = 2000;

/**
 * The flagged text, white space collapsed: the finding's range, or its first line when the range
 * is empty (a finding about something missing points at a place, not at text).
 */
export function flaggedText(text: string, lines: LineIndex, range: Range): string {
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, MAX_FLAGGED_TEXT);
  const own = end > start ? collapse(text.slice(start, end)) : '';
  return own !== '' ? own : collapse(lines.lineText(range.start.line));
}

/**
 * The fingerprints of one file's findings, in their order. `text` is the file's content
 * (undefined when it cannot be read again: then only rule, path and order count).
 */
export function fingerprints(
  path: string,
  text: string | undefined,
  findings: ReadonlyArray<{ ruleId: string; range: Range }>,
): string[] {
  const lines = text !== undefined ? new LineIndex(text) : undefined;
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const flagged = text !== undefined && lines ? flaggedText(text, lines, finding.range) : '';
    const hash = createHash('sha256').update(`${finding.ruleId}\u0000${path}\u0000${flagged}`).digest('hex');
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    return `${hash.slice(0, 32)}:${occurrence}`;
  });
}
