// Output of a scan: compiler-like text, JSON, and SARIF 2.1.0.
import { docsUrl, PRODUCT_NAME } from '../core/docs';
import type { Rule } from '../rules';
import type { Finding, Fix, Range, RuleError, Severity } from '../core/rule';
import { compareRanges } from '../core/text';
import type { ChecklistItemResult, ChecklistStatus } from '../engine/workspace';
import { FINGERPRINT_KEY } from './fingerprints';

/** A finding as reported: with its fingerprint once the scan has computed it (cli/fingerprints.ts). */
export interface ReportFinding extends Finding {
  fingerprint?: string;
}

export interface FileReport {
  /** Path as shown to the user and in SARIF (POSIX, relative to the working folder when inside it). */
  path: string;
  findings: ReportFinding[];
  ruleErrors: RuleError[];
  skipped?: string;
  /** With `skipped`: the analysis failed (did not finish in time, its worker or the parser gave up): an error, not a choice. */
  failed?: true;
  /** What of the file was not analyzed, when only part of it was (the findings are the rest's). */
  partial?: string;
  /** Files it refers to that were not read because they lead outside the project (AnalysisResult.notRead). */
  notRead?: { range: Range; message: string };
  /** A project file (.env, package.json…) with workspace findings, not an analyzed source file. */
  projectFile?: boolean;
  /** Sinks of the file that flows from other files may reach: their findings are decided for the whole project. */
  flowSinks?: ReadonlyArray<{ ruleId: string; range: Range }>;
  /**
   * Where the file is (not part of any output): its absolute path, its project's root (what
   * fixes' project-relative files are relative to) and the folder fixes may write in.
   */
  location?: { file: string; root: string; boundary: string };
}

/**
 * Whether the whole project decides a finding (another file's fact, or a flow from another file:
 * a place in another file, or a sink other files' calls may reach). Places of the file itself
 * (a source in it, its listen call) are the file's own to tell.
 */
export function decidedLate(file: FileReport, finding: Finding): boolean {
  return (
    finding.unless !== undefined ||
    (finding.related ?? []).some((r) => r.path !== file.path) ||
    (file.flowSinks ?? []).some((s) => s.ruleId === finding.ruleId && compareRanges(s.range, finding.range) === 0)
  );
}

export interface ScanReport {
  files: FileReport[];
  toolVersion: string;
  /** file:// URI of the folder paths are relative to. */
  baseUri: string;
  /** The guide's checklist decided for the scanned projects. */
  checklist?: ChecklistItemResult[];
  /** With --baseline: how many findings the baseline already had (they are left out of `files`). */
  baselined?: number;
}

const severityOrder: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/**
 * Whether the scan did not check all of the file: its analysis failed, or a rule failed on it
 * (threw, or did not finish within the time budget). The CLI exits 2 when any file is.
 */
export function isIncomplete(file: FileReport): boolean {
  return file.failed === true || file.ruleErrors.length > 0 || file.partial !== undefined;
}

/** The lines that say why a file was not fully analyzed (the text report's, without color). */
export function incompleteLines(file: FileReport): string[] {
  const lines = file.ruleErrors.map((e) => `${file.path}: internal error in rule ${e.ruleId}: ${e.message}`);
  if (file.failed && file.skipped) lines.push(`${file.path}: error: ${file.skipped}`);
  if (file.partial) lines.push(`${file.path}: error: partly analyzed: ${file.partial}`);
  return lines;
}

export function atLeast(severity: Severity, threshold: Exclude<Severity, 'hint'>): boolean {
  return severityOrder[severity] >= severityOrder[threshold];
}

/** Findings by severity, suppressed ones left out (they are counted apart, and fail nothing). */
export function countBySeverity(report: ScanReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of report.files) for (const f of file.findings) if (!f.suppressed) counts[f.severity]++;
  return counts;
}

export function countSuppressed(report: ScanReport): number {
  let count = 0;
  for (const file of report.files) for (const f of file.findings) if (f.suppressed) count++;
  return count;
}

/** Whether a finding that no suppression covers is at least `threshold` severe (the exit status). */
export function failsAt(report: ScanReport, threshold: Exclude<Severity, 'hint'>): boolean {
  return report.files.some((file) => file.findings.some((f) => !f.suppressed && atLeast(f.severity, threshold)));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface TextOptions {
  color: boolean;
  verbose: boolean;
}

const severityColor: Record<Severity, number> = { error: 31, warning: 33, info: 36, hint: 90 };

/** The compiler-style lines of one file (printed as soon as the file is analyzed). */
/**
 * Control characters, line breaks and bidirectional overrides that file names, document text or
 * dependency names could carry into a terminal: an ESC sequence clears the screen or retitles
 * the window, a line break forges a finding line, an override reorders what is shown.
 */
const UNPRINTABLE =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_IN_LINES =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeCode = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** Text from a file or a path as the terminal should show it: every control character escaped (`\x1B`). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeCode);
}

/** The same for a message of lines: line breaks (and the progress bar's carriage return) stay. */
export function printableLines(text: string): string {
  return text.replace(UNPRINTABLE_IN_LINES, escapeCode);
}

export function formatFileText(file: FileReport, options: TextOptions): string {
  const paint = (code: number, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const path = printable(file.path);
  for (const f of file.findings) {
    // Suppressed findings are for a report's record (JSON, SARIF); the summary counts them.
    if (f.suppressed) continue;
    const location = `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(
      `${location}: ${paint(severityColor[f.severity], f.severity)} ${paint(90, printable(f.ruleId))} ${printable(f.message)}`,
    );
    // The places that explain it: the way its data came (source first), the listen call, the stage.
    for (const r of f.related ?? [])
      lines.push(
        paint(
          90,
          `    ${printable(r.path)}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${printable(r.message)}`,
        ),
      );
  }
  for (const e of file.ruleErrors)
    lines.push(`${path}: internal error in rule ${printable(e.ruleId)}: ${printable(e.message)}`);
  if (file.skipped && file.failed)
    lines.push(`${path}: ${paint(severityColor.error, 'error')}: ${printable(file.skipped)}`);
  else if (file.skipped && options.verbose) lines.push(`${path}: skipped: ${printable(file.skipped)}`);
  if (file.partial)
    lines.push(`${path}: ${paint(severityColor.error, 'error')}: partly analyzed: ${printable(file.partial)}`);
  if (file.notRead) {
    const at = file.notRead.range.start;
    lines.push(`${path}:${at.line + 1}:${at.character + 1}: note: ${printable(file.notRead.message)}`);
  }
  return lines.map((line) => line + '\n').join('');
}

/** The closing summary line (with a blank line before it when there were problems). */
export function formatTextSummary(report: ScanReport, options: TextOptions): string {
  const counts = countBySeverity(report);
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const sources = report.files.filter((f) => !f.projectFile);
  const analyzed = sources.filter((f) => !f.skipped).length;
  const skipped = sources.filter((f) => f.skipped && !f.failed).length;
  const incomplete = report.files.filter(isIncomplete).length;
  const suppressed = countSuppressed(report);
  const skippedNote =
    (suppressed > 0 ? `, ${suppressed} suppressed` : '') +
    (report.baselined ? `, ${report.baselined} in the baseline` : '') +
    (skipped > 0 ? `, ${plural(skipped, 'file')} skipped${options.verbose ? '' : ' (--verbose says why)'}` : '') +
    (incomplete > 0 ? `, ${plural(incomplete, 'file')} not fully analyzed (see above)` : '');
  if (total === 0) return `No problems found in ${plural(analyzed, 'file')}${skippedNote}.\n`;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), `${counts.info} info`];
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
  return `\n${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(analyzed, 'file')}${skippedNote}.\n`;
}

const statusMark: Record<ChecklistStatus, string> = { passed: 'PASS', failed: 'FAIL', unknown: '  ? ' };
const statusColor: Record<ChecklistStatus, number> = { passed: 32, failed: 31, unknown: 90 };

/** The checklist as text: one line per item, then its findings or the evidence that passed it. */
export function formatChecklistText(items: readonly ChecklistItemResult[], options: TextOptions): string {
  const paint = (code: number, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const failed = items.filter((i) => i.status === 'failed').length;
  const passed = items.filter((i) => i.status === 'passed').length;
  const lines = [
    '',
    `Security checklist: ${passed} passed, ${failed} failed, ${items.length - passed - failed} not determined`,
  ];
  for (const item of items) {
    const count = item.findings.length > 0 ? ` (${plural(item.findings.length, 'finding')})` : '';
    const note = item.note ? ` — ${printable(item.note)}` : '';
    lines.push(`  [${paint(statusColor[item.status], statusMark[item.status])}] ${item.title}${count}${note}`);
    const shown =
      item.status === 'failed'
        ? item.findings.map(
            (f) =>
              `${printable(f.path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${printable(f.ruleId)}`,
          )
        : item.evidence.map((e) => printable(e.text));
    for (const line of shown.slice(0, options.verbose ? shown.length : 5)) lines.push(`         ${paint(90, line)}`);
    if (!options.verbose && shown.length > 5)
      lines.push(`         ${paint(90, `… ${shown.length - 5} more (--verbose lists all)`)}`);
  }
  return lines.join('\n') + '\n';
}

export function formatJson(report: ScanReport): string {
  const counts = countBySeverity(report);
  return (
    JSON.stringify(
      {
        tool: { name: PRODUCT_NAME, version: report.toolVersion },
        summary: {
          files: report.files.filter((f) => !f.skipped && !f.projectFile).length,
          skipped: report.files.filter((f) => f.skipped && !f.failed).length,
          // Files not fully analyzed: failed ones (not analyzed) and those a rule failed on.
          incomplete: report.files.filter(isIncomplete).length,
          ...counts,
          suppressed: countSuppressed(report),
          ...(report.baselined !== undefined ? { baselined: report.baselined } : {}),
        },
        files: report.files.map((f) => ({
          path: f.path,
          ...(f.skipped ? { skipped: f.skipped } : {}),
          ...(f.failed ? { failed: true } : {}),
          ...(f.partial ? { partial: f.partial } : {}),
          ...(f.notRead ? { notRead: f.notRead } : {}),
          findings: f.findings.map((finding) => ({
            ruleId: finding.ruleId,
            severity: finding.severity,
            message: finding.message,
            range: finding.range,
            fixes: finding.fixes.map((fix) => ({ title: fix.title, kind: fix.kind })),
            ...(finding.related ? { related: finding.related } : {}),
            ...(finding.fingerprint ? { fingerprint: finding.fingerprint } : {}),
            ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
          })),
          ...(f.ruleErrors.length > 0 ? { ruleErrors: f.ruleErrors } : {}),
          ...(f.projectFile ? { projectFile: true } : {}),
        })),
        ...(report.checklist ? { checklist: report.checklist } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};
const securitySeverity: Record<Exclude<Severity, 'hint'>, string> = { error: '8.0', warning: '5.0', info: '2.0' };

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function region(range: Range): object {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function physicalLocation(path: string, range: Range): object {
  return { artifactLocation: { uri: encodePath(path), uriBaseId: '%SRCROOT%' }, region: region(range) };
}

/**
 * A safe fix as a SARIF fix: its edits of the flagged file as replacements (an insertion is an
 * empty deleted region). Suggestions are not offered: they may change behaviour. A fix's lines
 * for another file (appendToFile) are applied by --fix, not described here.
 */
function sarifFix(path: string, fix: Fix): object {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: { uri: encodePath(path), uriBaseId: '%SRCROOT%' },
        replacements: fix.edits.map((edit) => ({
          deletedRegion: region(edit.range),
          insertedContent: { text: edit.newText },
        })),
      },
    ],
  };
}

export function formatSarif(report: ScanReport, rules: readonly Rule[]): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = [];
  const notifications = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const here = physicalLocation(file.path, f.range);
      const related = f.related ?? [];
      const fixes = f.fixes.filter((fix) => fix.kind === 'fix' && fix.edits.length > 0);
      results.push({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: sarifLevel[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: here }],
        ...(f.fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint } } : {}),
        ...(report.baselined !== undefined ? { baselineState: 'new' } : {}),
        ...(f.suppressed
          ? {
              suppressions: [
                {
                  kind: 'inSource',
                  ...(f.suppressed.justification !== undefined ? { justification: f.suppressed.justification } : {}),
                },
              ],
            }
          : {}),
        ...(fixes.length > 0 ? { fixes: fixes.map((fix) => sarifFix(file.path, fix)) } : {}),
        // The places that explain it; for a data flow, also the way from the source to the sink.
        ...(related.length > 0
          ? {
              relatedLocations: related.map((r, i) => ({
                id: i + 1,
                physicalLocation: physicalLocation(r.path, r.range),
                message: { text: r.message },
              })),
            }
          : {}),
        ...(related.length > 0 && f.dataFlow
          ? {
              codeFlows: [
                {
                  threadFlows: [
                    {
                      locations: [
                        ...related.map((r) => ({
                          location: {
                            physicalLocation: physicalLocation(r.path, r.range),
                            message: { text: r.message },
                          },
                        })),
                        { location: { physicalLocation: here, message: { text: 'sink' } } },
                      ],
                    },
                  ],
                },
              ],
            }
          : {}),
      });
    }
    for (const e of file.ruleErrors) {
      notifications.push({
        level: 'error',
        message: { text: `Rule ${e.ruleId} failed on ${file.path}: ${e.message}` },
        associatedRule: { id: e.ruleId, index: ruleIndex.get(e.ruleId) },
      });
    }
    if (file.partial) {
      notifications.push({
        level: 'error',
        message: { text: `Partly analyzed ${file.path}: ${file.partial}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(file.path), uriBaseId: '%SRCROOT%' } } }],
      });
    }
    if (file.notRead) {
      const { start, end } = file.notRead.range;
      notifications.push({
        level: 'note',
        message: { text: `${file.path}: ${file.notRead.message}` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodePath(file.path), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
              },
            },
          },
        ],
      });
    }
    if (file.skipped) {
      notifications.push({
        level: file.failed ? 'error' : 'note',
        message: {
          text: file.failed
            ? `Could not analyze ${file.path}: ${file.skipped}`
            : `Skipped ${file.path}: ${file.skipped}`,
        },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(file.path), uriBaseId: '%SRCROOT%' } } }],
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: PRODUCT_NAME,
            semanticVersion: report.toolVersion,
            informationUri: 'https://github.com/blah-security/blah-security',
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|[/-])([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.meta.title },
              fullDescription: { text: rule.meta.description },
              helpUri: docsUrl(rule),
              help: {
                text: `${rule.meta.description}\n\nFix: ${rule.meta.remedy}`,
                markdown: `${rule.meta.description}\n\n**Fix:** ${rule.meta.remedy}\n\n[Documentation](${docsUrl(rule)})`,
              },
              defaultConfiguration: { level: sarifLevel[rule.meta.severity] },
              properties: {
                tags: ['security', rule.id.split('/')[0]],
                precision: 'high',
                'security-severity': securitySeverity[rule.meta.severity],
                guideSection: rule.meta.guideSection,
              },
            })),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: report.baseUri.endsWith('/') ? report.baseUri : report.baseUri + '/' },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
