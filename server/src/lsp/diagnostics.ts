// Diagnostics: when a document is analyzed (debounced per document, stale runs aborted), what its
// latest analysis found, and the one place that publishes diagnostics to the client.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, parseProjectConfig } from '../core/config';
import { DOCS_BASE_URL, docsUrl } from '../core/docs';
import type { Finding, Fix, LanguageId, Range, Severity } from '../core/rule';
import { compareRanges } from '../core/text';
import { LineIndex } from '../core/text';
import { companionFiles, languageOf, type AnalysisResult } from '../engine/analyze';
import { UNSUPPORTED_FILE_TYPE } from '../engine/detect';
import type { Analyzer } from '../host/analysisJob';
import { ruleById, ruleIds } from '../rules';
import { DIAGNOSTIC_SOURCE, MINIMUM_SEVERITIES, type MinimumSeverity } from '../protocol';
import { clientLanguageId, type ServerContext } from './context';
import type { Projects } from './projects';
import { withDocumentRelated } from './related';
import { parentUri, resolveUri, uriPath } from './uris';
import type { WorkspaceService } from './workspaceService';

/**
 * What a diagnostic carries: the rule and the document version it was found in. Its fixes are
 * made on demand (a code action, fix-all), never on a keystroke.
 */
export interface DiagnosticData {
  ruleId: string;
  version: number;
}

/**
 * What a diagnostic about the user's own configuration carries (a suppression comment, a
 * `.blah-security.json` entry): what kind of problem it is and the document version. Its repair
 * is found again by the server from the document's text when a code action asks: what a client
 * sends back is never trusted as an edit.
 */
export interface RepairData {
  repair: 'unknown-rule' | 'unused-suppression' | 'config';
  version: number;
}

const repairKinds: ReadonlySet<string> = new Set<RepairData['repair']>([
  'unknown-rule',
  'unused-suppression',
  'config',
]);

/** Whether a diagnostic's data (as the client sent it back) is a repair key of ours, well formed. */
export function isRepairData(data: unknown): data is RepairData {
  if (typeof data !== 'object' || data === null || !('repair' in data) || !('version' in data)) return false;
  return typeof data.repair === 'string' && repairKinds.has(data.repair) && typeof data.version === 'number';
}

/** The problems of a document's suppression comments (unused ones only when the user wants them). */
export function suppressionDiagnostics(result: AnalysisResult, version: number, reportUnused: boolean): Diagnostic[] {
  return (result.suppressionProblems ?? [])
    .filter((problem) => reportUnused || problem.kind !== 'unused')
    .map((problem) => {
      const data: RepairData = { repair: problem.kind === 'unused' ? 'unused-suppression' : 'unknown-rule', version };
      return {
        range: problem.range,
        severity: problem.kind === 'unused' ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
        ...(problem.kind === 'unused' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
        source: DIAGNOSTIC_SOURCE,
        message: problem.message,
        data,
      };
    });
}

/** Severities from least to most severe, for `minimumSeverity`. */
const severityRank: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** The findings the `minimumSeverity` setting lets through (all when it is unset or not one of its values). */
export function atLeast(findings: readonly Finding[], minimum: unknown): readonly Finding[] {
  if (typeof minimum !== 'string' || !(MINIMUM_SEVERITIES as readonly string[]).includes(minimum)) return findings;
  const floor = severityRank[minimum as MinimumSeverity];
  return findings.filter((finding) => severityRank[finding.severity] >= floor);
}

const lspSeverity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function findingsToDiagnostics(
  findings: readonly Finding[],
  version: number,
  docsBase: string = DOCS_BASE_URL,
): Diagnostic[] {
  return findings.map((finding) => {
    const rule = ruleById(finding.ruleId);
    const data: DiagnosticData = { ruleId: finding.ruleId, version };
    return {
      range: finding.range,
      severity: lspSeverity[finding.severity],
      code: finding.ruleId,
      ...(rule ? { codeDescription: { href: docsUrl(rule, docsBase) } } : {}),
      source: DIAGNOSTIC_SOURCE,
      message: finding.message,
      // Where its data came from and each call on the way, or what makes it matter (paths are URIs by now).
      ...(finding.related && finding.related.length > 0
        ? {
            relatedInformation: finding.related.map((r) => ({
              location: { uri: r.path, range: r.range },
              message: r.message,
            })),
          }
        : {}),
      data,
    };
  });
}

/**
 * What the user is told in the file itself about its analysis: why it was skipped (not "not
 * ours" or "ignored on purpose"), and each rule that failed or did not finish on it, so that a
 * file checked without a rule never looks clean.
 */
function skippedNotice(result: AnalysisResult): Diagnostic[] {
  const notices: Diagnostic[] = result.ruleErrors.map((error) => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    message: `BLAH Security could not run ${error.ruleId} on this file (${error.message}): its problems are not reported here.`,
  }));
  // Once per file: what it refers to outside the workspace folder was not read.
  if (result.notRead)
    notices.push({
      range: result.notRead.range,
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      message: result.notRead.message,
    });
  if (result.partial)
    notices.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      message: `BLAH Security analyzed only part of this file: ${result.partial}.`,
    });
  if (
    !result.skipped ||
    result.skipped === UNSUPPORTED_FILE_TYPE ||
    result.skipped === 'ignored by the project configuration'
  )
    return notices;
  return [
    ...notices,
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      // One that could not be checked (its analysis failed) must not look like one left out on purpose.
      severity: result.failed ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      message: `BLAH Security did not analyze this file: ${result.skipped}.`,
    },
  ];
}

export class Diagnostics {
  /** Each open document's latest analysis, with the version it analyzed. */
  private readonly results = new Map<string, { version: number; result: AnalysisResult; reportUnused: boolean }>();
  /** The companion files (as URIs) each open document's last analysis read. */
  private readonly companionsRead = new Map<string, ReadonlySet<string>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The in-flight analysis per document, aborted when a newer version is scheduled. */
  private readonly inFlight = new Map<string, AbortController>();
  private readonly reportedRuleErrors = new Set<string>();
  /** Per file, the latest publishDecided call: an earlier one that finishes later publishes nothing. */
  private readonly decidedTurns = new Map<string, number>();
  /** Per document, its current version analyzed with fixes (made when first asked). */
  private readonly fixed = new Map<string, { version: number; result: Promise<AnalysisResult | undefined> }>();
  /** The whole-workspace view, when the host can list folders (set once, after construction). */
  workspace: WorkspaceService | undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly projects: Projects,
    private readonly analyzer: Analyzer,
  ) {}

  /** The one place diagnostics go out. */
  publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
    void this.ctx.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
  }

  /** The analysis of a document's current version, if there is one. */
  current(document: TextDocument): AnalysisResult | undefined {
    const entry = this.results.get(document.uri);
    return entry && entry.version === document.version ? entry.result : undefined;
  }

  /**
   * The findings of a document's current version with their fixes: analyzed again, with fixes,
   * the first time a code action or fix-all asks, then kept for that version.
   */
  withFixes(document: TextDocument): Promise<AnalysisResult | undefined> {
    const cached = this.fixed.get(document.uri);
    if (cached && cached.version === document.version) return cached.result;
    const result = (async () => {
      const project = await this.projects.projectFor(document.uri);
      if (!project.settings.enable || (await this.projects.isExcluded(document.uri))) return undefined;
      const input = await this.projects.input(
        document.uri,
        document.getText(),
        clientLanguageId(document),
        project.root,
      );
      return this.analyzer(this.projects.job(input, project, document.uri, true));
    })();
    this.fixed.set(document.uri, { version: document.version, result });
    return result;
  }

  /** The fixes of the finding a diagnostic of the document's current version shows. */
  async fixesFor(
    document: TextDocument,
    diagnostic: { code?: string | number; range: Range; message: string | { value: string } },
  ): Promise<Fix[]> {
    // The rule and the range tell a finding; the message decides between findings sharing both.
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    const pick = (findings: readonly Finding[]): Finding | undefined => {
      const candidates = findings.filter(
        (f) => f.ruleId === diagnostic.code && compareRanges(f.range, diagnostic.range) === 0 && f.fixes.length > 0,
      );
      return candidates.find((f) => f.message === message) ?? candidates[0];
    };
    // Workspace rules (a .env nothing ignores) decide with their fixes: they are few and made once per change.
    const decided = this.workspace?.folderOf(document.uri) ? pick(this.workspace.decided(document.uri)) : undefined;
    if (decided) return decided.fixes;
    const result = await this.withFixes(document);
    return (result && pick(result.findings)?.fixes) ?? [];
  }

  /**
   * The repair of a diagnostic about a suppression comment or a configuration entry, made again
   * from the document's current text: the problem at the diagnostic's range, if the server
   * reports one there. Undefined when there is none (stale or forged data).
   */
  repairFor(document: TextDocument, data: RepairData, diagnostic: { range: Range }): Fix | undefined {
    if (data.repair === 'config') {
      if (!document.uri.endsWith('/' + CONFIG_FILE_NAME)) return undefined;
      const text = document.getText();
      const lines = new LineIndex(text);
      for (const p of parseProjectConfig(text, ruleIds).problems) {
        if (!p.replacement) continue;
        const range = lines.rangeOf(p.start, p.end);
        if (compareRanges(range, diagnostic.range) === 0)
          return { title: p.replacement.title, kind: 'fix', edits: [{ range, newText: p.replacement.text }] };
      }
      return undefined;
    }
    const kind = data.repair === 'unused-suppression' ? 'unused' : 'unknown-rule';
    const problem = this.current(document)?.suppressionProblems?.find(
      (p) => p.kind === kind && p.fix && compareRanges(p.range, diagnostic.range) === 0,
    );
    return problem?.fix;
  }

  /** The language a document was analyzed as, else the one its name, editor id and text tell. */
  languageOf(document: TextDocument): LanguageId | undefined {
    return (
      this.results.get(document.uri)?.result.language ??
      languageOf(uriPath(document.uri), clientLanguageId(document), document.getText())
    );
  }

  /**
   * Publishes what the workspace decided for a file (open documents: only for their current
   * analysis), as the file's settings let through: nothing for an excluded file, nothing below
   * `minimumSeverity`.
   */
  publishDecided(uri: string, findings: readonly Finding[]): void {
    // Settings are read first: a later decision for the same file may overtake this one, which
    // then publishes nothing (stale findings must not land over newer ones).
    const turn = (this.decidedTurns.get(uri) ?? 0) + 1;
    this.decidedTurns.set(uri, turn);
    void (async () => {
      const settings = await this.projects.settingsFor(uri);
      const excluded = await this.projects.isExcluded(uri);
      if (this.decidedTurns.get(uri) !== turn) return;
      this.decidedTurns.delete(uri);
      if (excluded) {
        this.publish(uri, [], this.ctx.documents.get(uri)?.version);
        return;
      }
      this.publishDecidedNow(uri, atLeast(findings, settings.minimumSeverity));
    })();
  }

  private publishDecidedNow(uri: string, findings: readonly Finding[]): void {
    const document = this.ctx.documents.get(uri);
    if (
      document &&
      (this.results.has(uri) || languageOf(uriPath(uri), clientLanguageId(document), document.getText()))
    ) {
      const entry = this.results.get(uri);
      if (!entry || entry.version !== document.version) return; // its own analysis will publish
      this.publish(
        uri,
        [
          ...findingsToDiagnostics(findings, document.version, this.ctx.docsBase),
          ...suppressionDiagnostics(entry.result, document.version, entry.reportUnused),
          ...skippedNotice(entry.result),
        ],
        document.version,
      );
      return;
    }
    this.publish(uri, findingsToDiagnostics(findings, document?.version ?? -1, this.ctx.docsBase), document?.version);
  }

  /** Analyzes a file that is not open, from disk, and publishes the outcome. */
  async reanalyzeFromDisk(uri: string): Promise<void> {
    const workspace = this.workspace;
    if (!workspace) return;
    const text = await this.ctx.readText(uri);
    if (text === undefined || this.ctx.documents.get(uri)) {
      if (text === undefined) workspace.remove(uri);
      return;
    }
    const project = await this.projects.projectFor(uri);
    if (!project.settings.enable || this.ctx.documents.get(uri) || (await this.projects.isExcluded(uri))) return;
    const result = await this.analyzer(
      this.projects.job(await this.projects.input(uri, text, undefined, project.root), project),
    );
    if (this.ctx.documents.get(uri)) return;
    this.publishDecided(uri, workspace.update(uri, result));
  }

  schedule(document: TextDocument, delay: number): void {
    // A newer version makes any analysis still running for this document stale.
    this.inFlight.get(document.uri)?.abort();
    const existing = this.timers.get(document.uri);
    if (existing) clearTimeout(existing);
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.validate(document.uri);
      }, delay),
    );
  }

  /** Analyzes every open document again (settings or configuration changed). */
  scheduleAll(delay: number, except?: string): void {
    for (const document of this.ctx.documents.all()) if (document.uri !== except) this.schedule(document, delay);
  }

  /** Analyzes again the open documents whose companion files (.dockerignore) live in one of `folders`, or in any folder. */
  scheduleCompanionReaders(folders?: ReadonlySet<string>): void {
    for (const document of this.ctx.documents.all()) {
      if (folders && !folders.has(parentUri(document.uri))) continue;
      if (companionFiles(uriPath(document.uri), clientLanguageId(document), document.getText()).length > 0)
        this.schedule(document, 0);
    }
  }

  /**
   * Analyzes again, after `delay`, the open documents that read one of `changed` as a companion
   * file (a .dockerignore, an nginx snippet they include, the nginx.conf that includes them).
   */
  scheduleReadersOf(changed: ReadonlySet<string>, delay: number): void {
    if (changed.size === 0) return;
    for (const document of this.ctx.documents.all()) {
      if (changed.has(document.uri)) continue;
      // What its last analysis read (snippets of snippets included), else what it would read first.
      const read =
        this.companionsRead.get(document.uri) ??
        new Set(
          companionFiles(uriPath(document.uri), clientLanguageId(document), document.getText()).map((name) =>
            resolveUri(parentUri(document.uri), name),
          ),
        );
      if ([...changed].some((uri) => read.has(uri))) this.schedule(document, delay);
    }
  }

  /** An edited document that other open documents may read as a companion (an nginx file, a .dockerignore). */
  scheduleReadersOfEdited(uri: string, delay: number): void {
    if (uri.endsWith('.dockerignore') || this.results.get(uri)?.result.language === 'nginx')
      this.scheduleReadersOf(new Set([uri]), delay);
  }

  /** A document closed: stop its work and forget its results. Returns whether it had been analyzed as a language. */
  forget(uri: string): boolean {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    const analyzed = this.results.get(uri)?.result.language !== undefined;
    this.results.delete(uri);
    this.fixed.delete(uri);
    this.companionsRead.delete(uri);
    this.inFlight.get(uri)?.abort();
    return analyzed;
  }

  /** Tells the log about each rule that failed on a file (once per rule and session; no file text). */
  reportRuleErrors(result: AnalysisResult): void {
    for (const error of result.ruleErrors) {
      if (this.reportedRuleErrors.has(error.ruleId)) continue;
      this.reportedRuleErrors.add(error.ruleId);
      this.ctx.connection.console.error(
        `Rule ${error.ruleId} failed and was skipped (reported once): ${error.message}`,
      );
    }
  }

  private async validate(uri: string): Promise<void> {
    const { documents } = this.ctx;
    const document = documents.get(uri);
    if (!document) return;
    if (uri.endsWith('/' + CONFIG_FILE_NAME)) {
      this.validateConfigDocument(document);
      return;
    }
    const workspace = this.workspace;
    if (
      !languageOf(uriPath(uri), clientLanguageId(document), document.getText()) &&
      !(await this.projects.mapsLanguage(uri))
    ) {
      // A project file open in the editor (.env, package.json): its text feeds workspace rules.
      if (workspace?.isProjectFile(uri) && workspace.folderOf(uri)) {
        await workspace.projectFileChanged(uri);
        this.publishDecided(uri, workspace.decided(uri));
      } else {
        // Not a file of ours after all (a *.conf of another format): nothing to show, nothing stale.
        this.results.delete(uri);
        this.publish(uri, [], document.version);
      }
      return;
    }
    const version = document.version;
    const project = await this.projects.projectFor(uri);
    // A newer version arrived while settings were read: its own run will publish.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    if (!project.settings.enable || (await this.projects.isExcluded(uri))) {
      this.results.delete(uri);
      if (documents.get(uri)?.version === version) this.publish(uri, [], version);
      return;
    }
    const input = await this.projects.input(current.uri, current.getText(), clientLanguageId(current), project.root);
    // Reading companion files is asynchronous: drop the run if the document moved on meanwhile.
    if (documents.get(uri)?.version !== version) return;
    const folder = parentUri(uri);
    this.companionsRead.set(uri, new Set(Object.keys(input.companions ?? {}).map((name) => resolveUri(folder, name))));
    const controller = new AbortController();
    this.inFlight.get(uri)?.abort();
    this.inFlight.set(uri, controller);
    const result = withDocumentRelated(
      await this.analyzer(this.projects.job(input, project, uri), controller.signal),
      uri,
    );
    if (this.inFlight.get(uri) === controller) this.inFlight.delete(uri);
    if (documents.get(uri)?.version !== version) return;
    const reportUnused = project.settings.reportUnusedSuppressions !== false;
    this.results.set(uri, { version, result, reportUnused });
    // Fixes made for this version before (settings changed since) may no longer hold.
    this.fixed.delete(uri);
    this.reportRuleErrors(result);
    // Findings another file answers (helmet in app.ts) are decided against the workspace's facts;
    // the checklist counts them all, the editor shows those at or above minimumSeverity.
    const findings = workspace ? workspace.update(uri, result) : result.findings;
    this.publish(
      uri,
      [
        ...findingsToDiagnostics(atLeast(findings, project.settings.minimumSeverity), version, this.ctx.docsBase),
        ...suppressionDiagnostics(result, version, reportUnused),
        ...skippedNotice(result),
      ],
      version,
    );
  }

  private validateConfigDocument(document: TextDocument): void {
    const text = document.getText();
    const { problems } = parseProjectConfig(text, ruleIds);
    const lines = new LineIndex(text);
    const diagnostics: Diagnostic[] = problems.map((p) => {
      const range = lines.rangeOf(p.start, p.end);
      const data: RepairData | undefined = p.replacement ? { repair: 'config', version: document.version } : undefined;
      return {
        range,
        severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        message: p.message,
        ...(data ? { data } : {}),
      };
    });
    this.publish(document.uri, diagnostics, document.version);
  }
}
