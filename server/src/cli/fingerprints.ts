// Fingerprints that follow a finding when lines move: what SARIF's partialFingerprints carry for
// code scanning, and what a baseline remembers. A fingerprint hashes the rule, the file's path
// as the report shows it and the flagged text with its white space collapsed, plus the finding's
// place among the findings of that rule with the same text in the file (two identical lines
// flagged by one rule are two findings). Lines inserted or removed elsewhere change none of these.
// The path is relative to the project root (the git root, or the folder the scan starts from), so
// a baseline matches whichever folder the scan is run from. A SARIF file is uploaded and shared:
// for rules that flag secrets, the hashed text has the secret material masked (see
// maskSecretMaterial), so that a weak secret cannot be recovered by hashing guesses.
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

/** A constant's or a camelCase name (`API_KEY`, `apiToken`): kept, since names are what tell findings apart. */
const NAME = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|[a-z]+(?:[A-Z][a-z]+)*)$/;

/**
 * The flagged text of a secret finding with the secret left out: quoted contents, what follows
 * `=` or `:`, and long runs of token characters other than names become their length. What stays (names,
 * keywords, punctuation) still tells findings apart; the occurrence index does the rest.
 */
export function maskSecretMaterial(flagged: string): string {
  return flagged
    .replace(/(['"`])[^'"`]*\1/g, (quoted) => `${quoted[0]}#${quoted.length - 2}${quoted[0]}`)
    .replace(/([=:]\s*)([^\s'"`#]+)/g, (_all, lead: string, value: string) => `${lead}#${value.length}`)
    .replace(/[A-Za-z0-9+/_~.%-]{8,}/g, (run) => (NAME.test(run) ? run : `#${run.length}`));
}

/**
 * The fingerprints of one file's findings, in their order. `path` is the file's path relative to
 * the project root; `text` is the file's content (undefined when it cannot be read again: then
 * only rule, path and order count); `flagsSecrets` says which rules report secret values.
 */
export function fingerprints(
  path: string,
  text: string | undefined,
  findings: ReadonlyArray<{ ruleId: string; range: Range }>,
  flagsSecrets: (ruleId: string) => boolean = () => false,
): string[] {
  const lines = text !== undefined ? new LineIndex(text) : undefined;
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const own = text !== undefined && lines ? flaggedText(text, lines, finding.range) : '';
    const flagged = flagsSecrets(finding.ruleId) ? maskSecretMaterial(own) : own;
    const hash = createHash('sha256').update(`${finding.ruleId}\u0000${path}\u0000${flagged}`).digest('hex');
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    return `${hash.slice(0, 32)}:${occurrence}`;
  });
}
