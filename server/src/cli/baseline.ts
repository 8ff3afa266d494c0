// Baselines: the fingerprints (cli/fingerprints.ts) of findings a project has accepted for now.
// A baseline is a report this CLI wrote, SARIF or JSON, so one file serves code scanning and
// the next scan's --baseline alike; whichever it is, its shape tells.
import { FINGERPRINT_KEY } from './fingerprints';

export class BaselineError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fingerprints a baseline report holds (a SARIF log's results, or a JSON report's findings). */
export function readBaseline(text: string): Set<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`not JSON (${(error as Error).message})`);
  }
  const fingerprints = new Set<string>();
  if (isObject(parsed) && Array.isArray(parsed.runs)) {
    for (const run of parsed.runs) {
      if (!isObject(run) || !Array.isArray(run.results)) continue;
      for (const result of run.results) {
        if (!isObject(result) || !isObject(result.partialFingerprints)) continue;
        const fingerprint = result.partialFingerprints[FINGERPRINT_KEY];
        if (typeof fingerprint === 'string') fingerprints.add(fingerprint);
      }
    }
    return fingerprints;
  }
  if (isObject(parsed) && Array.isArray(parsed.files)) {
    for (const file of parsed.files) {
      if (!isObject(file) || !Array.isArray(file.findings)) continue;
      for (const finding of file.findings)
        if (isObject(finding) && typeof finding.fingerprint === 'string') fingerprints.add(finding.fingerprint);
    }
    return fingerprints;
  }
  throw new BaselineError('neither a SARIF log nor a JSON report of blah-security');
}

/** The format a baseline is written in: SARIF for a `.sarif` file (or `.sarif.json`), else JSON. */
export function baselineFormat(path: string): 'sarif' | 'json' {
  return /\.sarif(\.json)?$/i.test(path) ? 'sarif' : 'json';
}
