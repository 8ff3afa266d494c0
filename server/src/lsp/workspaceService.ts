// The language server's view of the whole workspace: a background scan of every workspace folder
// (the CLI's walk and skip rules), each file's latest findings and facts (open documents live,
// the rest from disk), workspace decisions (engine/workspace.ts) and the checklist. Typing never
// waits on it: scan jobs queue behind editor jobs, and the decisions are recomputed (debounced)
// only when a file's facts or a project file change. Runtime-agnostic: files come through the host.
import type { AnalysisResult } from '../engine/analyze';
import { CONFIG_FILE_NAME, type ProjectConfig, type ResolvedConfig } from '../core/config';
import { IgnoreRules } from '../core/ignore';
import { checklistItems } from '../core/checklist';
import type { FileFlows } from '../core/flows';
import type { Fact, Finding, WorkspaceCondition } from '../core/rule';
import {
  analyzeWorkspace,
  conditionHolds,
  factIndex,
  findingStands,
  linkProject,
  mergeChecklists,
  rulesOff,
  nginxConfigurations,
  supersedes,
  type ChecklistItemResult,
  type ProjectFile,
  type WorkspaceFile,
} from '../engine/workspace';
import { projectFileKind, projectFileNeedsText } from '../languages/project/files';
import { withDocumentRelated } from './related';
import { isInside, joinUri, relativePath } from './uris';
import type { FlowLinks } from '../engine/flows';
import { allRules, ruleById } from '../rules';
import { walkProject, type EntryType } from '../host/workspaceWalk';
import type { ChecklistPayload } from '../protocol';

export interface WorkspaceServiceHost {
  /** Workspace folder URIs (no trailing slash). */
  folders(): readonly string[];
  readDirectory(uri: string): Promise<Array<{ name: string; type: EntryType }>>;
  /** Open document text, else the file on disk; undefined when unreadable. */
  readText(uri: string): Promise<string | undefined>;
  isOpen(uri: string): boolean;
  /** Analyzes a file that is not open (a background job). */
  analyzeFile(uri: string, path: string, text: string): Promise<AnalysisResult>;
  /** The resolved configuration and the extra exclusions (files.exclude) for a folder. */
  folderConfig(
    folder: string,
  ): Promise<{ config: ResolvedConfig; parsed?: ProjectConfig; exclude: string[]; scan: boolean }>;
  /** Reads a nested .blah-security.json (its `ignore` prunes the walk below it). */
  parseConfig(text: string): ProjectConfig | undefined;
  /** Final findings for a file changed: publish them (undefined: the file has none any more). */
  publish(uri: string, findings: readonly Finding[]): void;
  checklistChanged(payload: ChecklistPayload): void;
  progress(): Promise<{ report(message: string, percentage: number): void; done(): void }>;
  log(message: string): void;
}

interface SourceEntry extends WorkspaceFile {
  folder: string;
}

/** Facts as a comparable string: a keystroke that changes none of them changes no other file. */
function factsKey(facts: readonly Fact[]): string {
  return facts
    .map((f) => `${f.name}=${String(f.value)}`)
    .sort()
    .join('\n');
}

export type ScanMode = 'all' | 'new' | 'changed';

/** A short fingerprint of a file's text (length and FNV-1a), to tell whether it changed on disk. */
export function textFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(hash >>> 0).toString(36)}`;
}

function findingsKey(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map((f) => [f.ruleId, f.severity, f.range, f.message, f.fixes, f.related]));
}

/** Flows as a comparable string: an edit that changes none of them needs no linking. */
function flowsKey(flows: FileFlows | undefined): string {
  return flows ? JSON.stringify(flows) : '';
}

/** A workspace finding's related locations, which are project paths, as URIs for the client. */
function withRelatedUris(folder: string, finding: Finding): Finding {
  return finding.related
    ? { ...finding, related: finding.related.map((r) => ({ ...r, path: joinUri(folder, r.path) })) }
    : finding;
}

export function createWorkspaceService(host: WorkspaceServiceHost, options: { recomputeDelayMs?: number } = {}) {
  const recomputeDelay = options.recomputeDelayMs ?? 300;
  /** After a file's flows changed: short, so that a sink in another open file updates within ~100 ms. */
  const flowDelay = Math.min(recomputeDelay, 20);
  const sources = new Map<string, SourceEntry>();
  const projectFiles = new Map<string, Map<string, ProjectFile & { uri: string }>>();
  const gitIgnored = new Map<string, Record<string, boolean>>();
  /** Findings decided by the last recompute, by URI (what was published). */
  const decided = new Map<string, Finding[]>();
  /** Workspace-rule findings on source files, by URI (merged into their live findings). */
  const workspaceRuleFindings = new Map<string, Finding[]>();
  /** Findings raised by data flow from other files, by URI (related locations as URIs), merged likewise. */
  const flowFindings = new Map<string, Finding[]>();
  const factsByFolder = new Map<string, ReturnType<typeof factIndex>>();
  const configs = new Map<string, ResolvedConfig>();
  /** What each file's text on disk was when it was last analyzed from disk (see `scan('changed')`). */
  const diskTexts = new Map<string, string>();
  let checklist: ChecklistItemResult[] = [];
  let lastPayload = '';
  /** What was last logged about rules the folders' configurations turn off. */
  let lastRulesOff = '';
  let generation = 0;
  let scanning: Promise<number> | undefined;
  let recomputeTimer: ReturnType<typeof setTimeout> | undefined;
  let relinkTimer: ReturnType<typeof setTimeout> | undefined;
  let recomputing: Promise<void> | undefined;

  const folderOf = (uri: string): string | undefined => {
    let best: string | undefined;
    for (const folder of host.folders())
      if (isInside(uri, folder) && uri !== folder && (!best || folder.length > best.length)) best = folder;
    return best;
  };

  /** A file's findings against what the rest of its folder shows (its own new facts included). */
  function decideOwn(uri: string, folder: string, findings: readonly Finding[], facts: readonly Fact[]): Finding[] {
    const index = factsByFolder.get(folder);
    const path = relativePath(folder, uri);
    // An nginx file is answered by the facts of its own configuration only (what includes it and
    // what it includes), as the workspace recompute decides it: the same answer between recomputes.
    let nginx: Parameters<typeof conditionHolds>[3] | undefined;
    const nginxScope = (): Parameters<typeof conditionHolds>[3] => {
      if (nginx) return nginx;
      const files = [...sources.values()].filter((s) => s.folder === folder);
      nginx = {
        paths: new Set(files.filter((f) => f.language === 'nginx').map((f) => f.path)),
        sameConfiguration: nginxConfigurations(files),
      };
      return nginx;
    };
    const language = sources.get(uri)?.language;
    const holds = (c: WorkspaceCondition): boolean =>
      facts.some((f) => f.name === c.fact && (c.value === undefined || f.value === c.value)) ||
      (index?.get(c.fact) ?? []).some(
        (e) =>
          e.path !== path &&
          (c.value === undefined || e.fact.value === c.value) &&
          (language !== 'nginx' || !nginxScope().paths.has(e.path) || nginxScope().sameConfiguration(path, e.path)),
      );
    const decidedHere = [...(workspaceRuleFindings.get(uri) ?? []), ...(flowFindings.get(uri) ?? [])];
    // A flow from another file turns a finding of this file into the tainted one (same rule and range).
    return [
      ...findings.filter((f) => findingStands(f, holds) && !decidedHere.some((w) => supersedes(w, f))),
      ...decidedHere,
    ];
  }

  /**
   * Records a file's new analysis (an open document's, or one from disk) and returns its findings
   * as the workspace decides them now, against the facts other files showed at the last
   * recompute; the recompute (debounced, so never per keystroke) follows for the other files and
   * the checklist.
   */
  function update(uri: string, analyzed: AnalysisResult): Finding[] {
    // Its findings' related places are places of the file itself: from here on, all related paths are URIs.
    const result = withDocumentRelated(analyzed, uri);
    const folder = folderOf(uri);
    if (!folder)
      return result.findings.filter((f) =>
        findingStands(f, (c) =>
          result.facts.some((x) => x.name === c.fact && (c.value === undefined || x.value === c.value)),
        ),
      );
    const previous = sources.get(uri);
    const path = relativePath(folder, uri);
    if (result.skipped) {
      if (previous) {
        sources.delete(uri);
        schedule();
      }
      return result.findings;
    }
    sources.set(uri, {
      folder,
      path,
      findings: result.findings,
      facts: result.facts,
      ...(result.language ? { language: result.language } : {}),
      ...(result.flows ? { flows: result.flows } : {}),
    });
    // New flows change other files' findings (a guard added in a handler clears a sink elsewhere):
    // link at once. New facts can too: decide soon. Findings alone change only the checklist: decide after a pause.
    if (previous && flowsKey(previous.flows) !== flowsKey(result.flows)) scheduleRelink();
    schedule(!previous || factsKey(previous.facts) !== factsKey(result.facts) ? recomputeDelay : recomputeDelay * 3);
    const own = decideOwn(uri, folder, result.findings, result.facts);
    decided.set(uri, own);
    return own;
  }

  function remove(uri: string): void {
    diskTexts.delete(uri);
    const folder = folderOf(uri);
    let changed = sources.delete(uri);
    if (folder) changed = projectFiles.get(folder)?.delete(relativePath(folder, uri)) || changed;
    if (decided.delete(uri)) host.publish(uri, []);
    if (changed) schedule();
  }

  /** A project file (.env, package.json, .gitignore…) was edited or changed on disk. */
  async function projectFileChanged(uri: string): Promise<void> {
    const folder = folderOf(uri);
    if (!folder) return;
    const path = relativePath(folder, uri);
    if (/(^|\/)\.gitignore$/.test(path)) {
      void scan('new');
      return;
    }
    const kind = projectFileKind(path);
    if (!kind) return;
    const text = projectFileNeedsText(kind) ? ((await host.readText(uri)) ?? null) : null;
    let files = projectFiles.get(folder);
    if (!files) projectFiles.set(folder, (files = new Map()));
    const existing = files.get(path);
    files.set(path, { uri, path, text, ...(existing?.gitIgnored ? { gitIgnored: true } : {}) });
    schedule();
  }

  /** Relinks the flows alone, soon: cheaper than a recompute, which follows later for the checklist. */
  function scheduleRelink(): void {
    if (relinkTimer) clearTimeout(relinkTimer);
    relinkTimer = setTimeout(() => {
      relinkTimer = undefined;
      relink();
    }, flowDelay);
  }

  /** The flow findings of a folder's files, by URI, as the links raise them. */
  function folderFlowFindings(folder: string, links: FlowLinks, config: ResolvedConfig): Map<string, Finding[]> {
    const byUri = new Map<string, Finding[]>();
    for (const [path, findings] of links.findings)
      if (!config.ignore.ignores(path))
        byUri.set(
          joinUri(folder, path),
          findings.map((f) => withRelatedUris(folder, f)),
        );
    return byUri;
  }

  /** Records a folder's flow findings; returns the URIs whose flow findings changed. */
  function setFlowFindings(folder: string, byUri: Map<string, Finding[]>): string[] {
    const changed: string[] = [];
    for (const uri of new Set([...flowFindings.keys(), ...byUri.keys()])) {
      if (folderOf(uri) !== folder) continue;
      const after = byUri.get(uri) ?? [];
      if (findingsKey(flowFindings.get(uri) ?? []) === findingsKey(after)) continue;
      changed.push(uri);
      if (after.length > 0) flowFindings.set(uri, after);
      else flowFindings.delete(uri);
    }
    return changed;
  }

  /** After a file's flows changed: link each folder again and republish the files whose flow findings changed. */
  function relink(): void {
    for (const folder of host.folders()) {
      const config = configs.get(folder);
      if (!config) continue;
      const files = [...sources.values()].filter((s) => s.folder === folder);
      const projects = [...(projectFiles.get(folder)?.values() ?? [])];
      const links = linkProject({ files, projectFiles: projects });
      for (const uri of setFlowFindings(folder, folderFlowFindings(folder, links, config))) {
        const entry = sources.get(uri);
        if (!entry) continue;
        const own = decideOwn(uri, folder, entry.findings, entry.facts);
        if (findingsKey(decided.get(uri) ?? []) === findingsKey(own)) continue;
        host.publish(uri, own);
        if (own.length > 0) decided.set(uri, own);
        else decided.delete(uri);
      }
    }
  }

  function schedule(delay = recomputeDelay): void {
    if (recomputeTimer) clearTimeout(recomputeTimer);
    recomputeTimer = setTimeout(() => {
      recomputeTimer = undefined;
      recomputing = recompute().finally(() => (recomputing = undefined));
    }, delay);
  }

  async function recompute(): Promise<void> {
    const next = new Map<string, Finding[]>();
    const checklists: ChecklistItemResult[][] = [];
    workspaceRuleFindings.clear();
    for (const folder of host.folders()) {
      let config = configs.get(folder);
      if (!config) configs.set(folder, (config = (await host.folderConfig(folder)).config));
      const files = [...sources.values()].filter((s) => s.folder === folder);
      const projects = [...(projectFiles.get(folder)?.values() ?? [])];
      const input = { files, projectFiles: projects, gitIgnored: gitIgnored.get(folder) ?? {} };
      factsByFolder.set(folder, factIndex(files));
      const links = linkProject(input);
      setFlowFindings(folder, folderFlowFindings(folder, links, config));
      const analysis = analyzeWorkspace(input, config, allRules, links);
      for (const error of analysis.ruleErrors)
        host.log(`Workspace rule ${error.ruleId} failed and was skipped: ${error.message}`);
      const sourcePaths = new Set(files.map((f) => f.path));
      for (const [path, findings] of analysis.findings) {
        const uri = joinUri(folder, path);
        next.set(uri, findings);
        if (sourcePaths.has(path)) {
          const own = sources.get(uri)!.findings;
          // Flow findings (the only ones of the workspace with related locations) are kept apart, for relinking alone.
          const extra = findings.filter((f) => !own.includes(f) && !f.related);
          if (extra.length > 0) workspaceRuleFindings.set(uri, extra);
          // The file's own related places are URIs already (see `update`); a flow's are project paths.
          next.set(
            uri,
            findings.map((f) => (f.related && !own.includes(f) ? withRelatedUris(folder, f) : f)),
          );
        }
      }
      const toUri = (path: string): string => joinUri(folder, path);
      checklists.push(
        analysis.checklist.map((item) => ({
          ...item,
          findings: item.findings.map((f) => ({ ...f, path: toUri(f.path) })),
          evidence: item.evidence.map((e) => ({ ...e, path: toUri(e.path) })),
        })),
      );
    }
    for (const uri of new Set([...decided.keys(), ...next.keys()])) {
      const before = decided.get(uri) ?? [];
      const after = next.get(uri) ?? [];
      if (findingsKey(before) !== findingsKey(after)) host.publish(uri, after);
      if (after.length > 0) decided.set(uri, after);
      else decided.delete(uri);
    }
    checklist = mergeChecklists(checklists);
    const payload = checklistPayload();
    // Said in the log too, once per change: a workspace with most rules off must not look clean.
    const off = JSON.stringify(payload.rulesOff ?? []);
    if (off !== lastRulesOff) {
      lastRulesOff = off;
      for (const { folder, count, total } of payload.rulesOff ?? [])
        host.log(
          `The configuration of ${folder} (${CONFIG_FILE_NAME}) turns off ${count} of ${total} rules: their problems are not reported.`,
        );
    }
    const key = JSON.stringify([payload.items, payload.rulesOff]);
    if (key !== lastPayload) {
      lastPayload = key;
      host.checklistChanged(payload);
    }
  }

  function rulesOffPayload(): Pick<ChecklistPayload, 'rulesOff'> {
    const rulesOffList: NonNullable<ChecklistPayload['rulesOff']> = [];
    for (const folder of host.folders()) {
      const config = configs.get(folder);
      const count = config ? rulesOff(config).length : 0;
      if (count > 0) rulesOffList.push({ folder, count, total: allRules.length });
    }
    return rulesOffList.length > 0 ? { rulesOff: rulesOffList } : {};
  }

  function checklistPayload(): ChecklistPayload {
    // The rules with findings, named as their metadata does, so a client can group and label them.
    const rules: NonNullable<ChecklistPayload['rules']> = {};
    for (const item of checklist)
      for (const finding of item.findings) {
        if (Object.hasOwn(rules, finding.ruleId)) continue;
        const rule = ruleById(finding.ruleId);
        if (rule) rules[finding.ruleId] = { title: rule.meta.title, severity: rule.meta.severity };
      }
    return {
      items: checklist.map((item) => ({
        id: item.id,
        title: item.title,
        shortTitle: checklistItems.find((c) => c.id === item.id)?.shortTitle ?? item.title,
        status: item.status,
        findings: item.findings.map((f) => ({
          uri: f.path,
          range: f.range,
          ruleId: f.ruleId,
          message: f.message,
          severity: f.severity,
        })),
        evidence: item.evidence.map((e) => ({ uri: e.path, range: e.range, text: e.text })),
        ...(item.note ? { note: item.note } : {}),
      })),
      rules,
      ...rulesOffPayload(),
      analyzedFiles: sources.size,
      scanning: scanning !== undefined,
    };
  }

  /**
   * Walks every folder and analyzes what it finds: `all` re-analyzes files already known from
   * disk, `new` only files not known yet, `changed` also known files whose text on disk changed
   * since it was analyzed (for clients that do not report file changes). A newer scan supersedes
   * a running one.
   */
  function scan(mode: ScanMode): Promise<number> {
    const run = runScan(++generation, mode).finally(() => {
      if (scanning === run) scanning = undefined;
    });
    scanning = run;
    return run;
  }

  async function runScan(token: number, mode: ScanMode): Promise<number> {
    const current = (): boolean => token === generation;
    const started = Date.now();
    const plan: Array<{ folder: string; uri: string; path: string }> = [];
    const seen = new Set<string>();
    for (const folder of host.folders()) {
      const { config, parsed, exclude, scan: enabled } = await host.folderConfig(folder);
      configs.set(folder, config);
      if (!enabled) continue;
      const rules = IgnoreRules.fromText([...exclude].join('\n'));
      const walked = await walkProject(
        folder,
        { readDirectory: (uri) => host.readDirectory(uri), readText: (uri) => host.readText(uri), join: joinUri },
        {
          exclude: rules,
          ...(parsed ? { rootConfig: { config: parsed, rootPrefix: '' } } : {}),
          readConfig: (text) => host.parseConfig(text),
          onFolder: () => current(),
        },
      );
      if (!current()) return 0;
      for (const note of walked.notes) host.log(`Workspace scan: ${note.location}: ${note.reason}`);
      gitIgnored.set(folder, walked.gitIgnored);
      const files = new Map<string, ProjectFile & { uri: string }>();
      for (const file of walked.projectFiles) {
        const kind = projectFileKind(file.path)!;
        const text = projectFileNeedsText(kind) ? ((await host.readText(file.location)) ?? null) : null;
        files.set(file.path, {
          uri: file.location,
          path: file.path,
          text,
          ...(file.gitIgnored ? { gitIgnored: true } : {}),
        });
      }
      projectFiles.set(folder, files);
      for (const file of walked.sources) {
        seen.add(file.location);
        if (config.ignore.ignores(file.path)) continue;
        if (mode === 'new' && sources.has(file.location)) continue;
        plan.push({ folder, uri: file.location, path: file.path });
      }
    }
    // Files gone from disk (or newly ignored) leave the workspace, unless open.
    for (const uri of [...sources.keys()]) if (!seen.has(uri) && !host.isOpen(uri)) remove(uri);
    const progress = plan.length > 0 ? await host.progress() : undefined;
    let done = 0;
    try {
      for (const item of plan) {
        if (!current()) return done;
        // Open documents are analyzed live; the scan leaves them alone.
        if (!host.isOpen(item.uri)) {
          const text = await host.readText(item.uri);
          const fingerprint = text === undefined ? undefined : textFingerprint(text);
          const unchanged =
            mode === 'changed' &&
            fingerprint !== undefined &&
            sources.has(item.uri) &&
            diskTexts.get(item.uri) === fingerprint;
          if (text !== undefined && !unchanged && current() && !host.isOpen(item.uri)) {
            const result = await host.analyzeFile(item.uri, item.path, text);
            diskTexts.set(item.uri, fingerprint!);
            if (current() && !host.isOpen(item.uri)) {
              const findings = update(item.uri, result);
              if (findings.length > 0 || decided.has(item.uri)) host.publish(item.uri, findings);
            }
          }
        }
        done++;
        if (done % 20 === 0 || done === plan.length)
          progress?.report(`Scanning ${done}/${plan.length} files`, Math.round((done / plan.length) * 100));
        // Let editor requests in between files, whatever analyzer runs the jobs.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      progress?.done();
    }
    if (current()) {
      if (recomputeTimer) clearTimeout(recomputeTimer);
      recomputeTimer = undefined;
      await recompute();
      const folders = host.folders().length;
      host.log(
        `Workspace scan (${mode}): ${done} file${done === 1 ? '' : 's'} analyzed in ${folders} folder${folders === 1 ? '' : 's'} in ${Date.now() - started} ms; ${sources.size} known in all.`,
      );
    }
    return done;
  }

  return {
    update,
    remove,
    projectFileChanged,
    scan,
    isProjectFile: (uri: string): boolean => projectFileKind(uri) !== undefined || /\/\.gitignore$/.test(uri),
    /** The checklist once the running scan and any pending recompute are done. */
    async checklist(): Promise<ChecklistPayload> {
      if (scanning) await scanning;
      if (recomputeTimer) {
        clearTimeout(recomputeTimer);
        recomputeTimer = undefined;
        await recompute();
      }
      if (recomputing) await recomputing;
      return checklistPayload();
    },
    /** The findings last published for a URI (project files' diagnostics on open). */
    decided: (uri: string): Finding[] => decided.get(uri) ?? [],
    folderOf,
    /** Forgets a folder's configuration (settings or .blah-security.json changed). */
    invalidateConfig(): void {
      configs.clear();
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
