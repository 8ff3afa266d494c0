// Workspace analysis: combines every analyzed file's findings and facts with the project files
// into project-level decisions. Findings that another file makes moot are dropped (helmet applied
// in app.ts answers missing-helmet in server.ts), workspace rules run (.env not ignored, unpinned
// dependencies), and the guide's 11-item checklist is decided with its findings and evidence.
// Pure: hosts find and read the files.
import { checklistItems, type ChecklistItemId } from '../core/checklist';
import { CONFIG_FILE_NAME, type ResolvedConfig } from '../core/config';
import { describeError } from '../core/language';
import { allRules, type Rule } from '../rules';
import type { Fact, Finding, Range, RuleError, Severity, WorkspaceCondition } from '../core/rule';
import { isTestPath } from '../core/paths';
import { compareRanges, LineIndex } from '../core/text';
import { FACT } from '../core/facts';
import { projectFileKind, type ProjectFileKind } from '../languages/project/files';
import { NGINX_FACT } from '../languages/nginx/facts';
import { includeMatches } from '../languages/nginx/analyze';
import { linkFlows, moduleConfig, type FlowLinks } from './flows';
import type { ProjectFile, ProjectView, WorkspaceDraft, WorkspaceFile, WorkspaceRule } from '../languages/project/rule';

export type { ProjectFile, WorkspaceFile } from '../languages/project/rule';

export interface WorkspaceInput {
  files: readonly WorkspaceFile[];
  projectFiles: readonly ProjectFile[];
  /** Whether git ignores each of GITIGNORE_PROBES (relative to the root), as the host's walk decided. */
  gitIgnored?: Readonly<Record<string, boolean>>;
}

export type ChecklistStatus = 'passed' | 'failed' | 'unknown';

export interface ChecklistFinding {
  path: string;
  range: Range;
  ruleId: string;
  message: string;
  /** The finding's severity as configured (never a hint: hints do not fail an item). */
  severity: Severity;
}

export interface ChecklistEvidence {
  path: string;
  range: Range;
  text: string;
}

export interface ChecklistItemResult {
  id: ChecklistItemId;
  title: string;
  status: ChecklistStatus;
  findings: ChecklistFinding[];
  evidence: ChecklistEvidence[];
  /**
   * Set when the configuration turns off rules of the item: all of them (the item is then not
   * determined, whatever else says so: a project with every rule off passes nothing) or some.
   */
  note?: string;
}

/** The rules the configuration turns off, in the order of `rules`. */
export function rulesOff(config: ResolvedConfig, rules: readonly Rule[] = allRules): string[] {
  return rules.filter((rule) => config.severities[rule.id] === 'off').map((rule) => rule.id);
}

export interface WorkspaceAnalysis {
  /** Every path that has findings after workspace decisions: source files and project files. */
  findings: Map<string, Finding[]>;
  /** How many per-file findings another file made moot. */
  dropped: number;
  checklist: ChecklistItemResult[];
  ruleErrors: RuleError[];
  /** Findings raised by data flow between files (each is also in `findings`). */
  linked: number;
  /** Whether a limit of flow linking (hops, steps) cut a search short. */
  flowLimitHit: boolean;
}

/** Links the flows of a project's files, resolving modules with its tsconfig paths and workspace packages. */
export function linkProject(input: Pick<WorkspaceInput, 'files' | 'projectFiles'>): FlowLinks {
  const configs = input.projectFiles.filter((f) => {
    const kind = projectFileKind(f.path);
    return kind === 'tsconfig' || kind === 'package-json';
  });
  return linkFlows(input.files, moduleConfig(configs));
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Whether a finding still stands once the whole project's facts are known. */
export function findingStands(finding: Finding, holds: (condition: WorkspaceCondition) => boolean): boolean {
  return !finding.unless?.some(holds);
}

export function factIndex(files: readonly WorkspaceFile[]): Map<string, Array<{ path: string; fact: Fact }>> {
  const index = new Map<string, Array<{ path: string; fact: Fact }>>();
  for (const file of files) {
    for (const fact of file.facts) {
      let list = index.get(fact.name);
      if (!list) index.set(fact.name, (list = []));
      list.push({ path: file.path, fact });
    }
  }
  return index;
}

/**
 * The nginx configurations of a workspace, from the files each nginx file includes (its
 * NGINX_FACT.include facts): a file no other file includes is a main file, and its configuration
 * is it and everything it includes, transitively. Answers whether two nginx files belong to one
 * configuration (a file included by several main files belongs to each).
 */
export function nginxConfigurations(files: readonly WorkspaceFile[]): (a: string, b: string) => boolean {
  const nginx = files.filter((f) => f.language === 'nginx');
  const paths = nginx.map((f) => f.path);
  const known = new Set(paths);
  const edges = new Map<string, string[]>();
  const included = new Set<string>();
  for (const file of nginx) {
    const targets: string[] = [];
    for (const fact of file.facts) {
      if (fact.name !== NGINX_FACT.include || typeof fact.value !== 'string') continue;
      // The candidates, likeliest first: the first that names files of the workspace wins.
      for (const pattern of fact.value.split('\n')) {
        const matches = /[*?[]/.test(pattern)
          ? paths.filter((p) => includeMatches(pattern, p))
          : known.has(pattern)
            ? [pattern]
            : [];
        if (matches.length === 0) continue;
        targets.push(...matches.filter((m) => m !== file.path));
        break;
      }
    }
    edges.set(file.path, targets);
    for (const target of targets) included.add(target);
  }
  const configsOf = new Map<string, Set<string>>(paths.map((p) => [p, new Set<string>()]));
  const reach = (main: string): void => {
    const stack = [main];
    while (stack.length > 0) {
      const path = stack.pop()!;
      const configs = configsOf.get(path)!;
      if (configs.has(main)) continue;
      configs.add(main);
      stack.push(...(edges.get(path) ?? []));
    }
  };
  for (const path of paths) if (!included.has(path)) reach(path);
  // Files only a cycle includes: each its own configuration.
  for (const path of paths) if (configsOf.get(path)!.size === 0) reach(path);
  return (a, b) => {
    const ofA = configsOf.get(a);
    const ofB = configsOf.get(b);
    if (!ofA || !ofB) return a === b;
    for (const main of ofA) if (ofB.has(main)) return true;
    return false;
  };
}

/**
 * Whether a finding's condition holds for `file`: any file's fact does, except that an nginx
 * file's findings are answered by the nginx facts of their own configuration only (a limit_req
 * in one nginx.conf does not limit the servers of another).
 */
export function conditionHolds(
  facts: ReadonlyMap<string, ReadonlyArray<{ path: string; fact: Fact }>>,
  file: Pick<WorkspaceFile, 'path' | 'language'>,
  condition: WorkspaceCondition,
  nginx: { paths: ReadonlySet<string>; sameConfiguration: (a: string, b: string) => boolean },
): boolean {
  return (facts.get(condition.fact) ?? []).some(
    (f) =>
      (condition.value === undefined || f.fact.value === condition.value) &&
      (file.language !== 'nginx' || !nginx.paths.has(f.path) || nginx.sameConfiguration(file.path, f.path)),
  );
}

export function analyzeWorkspace(
  input: WorkspaceInput,
  config: ResolvedConfig,
  rules: readonly Rule[] = allRules,
  /** The project's flows linked already (a host that relinks on its own passes what it has). */
  links: FlowLinks = linkProject(input),
): WorkspaceAnalysis {
  const facts = factIndex(input.files);
  const nginx = {
    paths: new Set(input.files.filter((f) => f.language === 'nginx').map((f) => f.path)),
    sameConfiguration: nginxConfigurations(input.files),
  };
  const findings = new Map<string, Finding[]>();
  let dropped = 0;
  for (const file of input.files) {
    const standing = file.findings.filter((f) => findingStands(f, (c) => conditionHolds(facts, file, c, nginx)));
    dropped += file.findings.length - standing.length;
    if (standing.length > 0) findings.set(file.path, standing);
  }
  // Data flow between files: a sink another file's request data reaches. It replaces a finding
  // of the same rule at the same place (a "not a constant" warning becomes the tainted error).
  let linked = 0;
  for (const [path, raised] of links.findings) {
    if (config.ignore.ignores(path)) continue;
    let list = findings.get(path);
    if (!list) findings.set(path, (list = []));
    for (const finding of raised) {
      linked++;
      const same = list.findIndex((f) => supersedes(finding, f));
      if (same >= 0) {
        // The flow's way from the other file replaces whatever this file alone could tell.
        const { dataFlow: _local, ...own } = list[same];
        list[same] = {
          ...own,
          severity: finding.severity,
          message: finding.message,
          related: finding.related,
          ...(finding.dataFlow ? { dataFlow: finding.dataFlow } : {}),
        };
      } else list.push(finding);
    }
  }

  const projectFiles = input.projectFiles.filter((f) => !config.ignore.ignores(f.path));
  const byKind = new Map<ProjectFileKind, ProjectFile[]>();
  for (const file of projectFiles) {
    const kind = projectFileKind(file.path);
    if (!kind) continue;
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(file);
  }
  const view: ProjectView = {
    files: input.files,
    projectFiles,
    ofKind: (kind) => byKind.get(kind) ?? [],
    gitIgnored: (probe) => input.gitIgnored?.[probe],
    facts: (name) => facts.get(name) ?? [],
  };

  const ruleErrors: RuleError[] = [];
  const texts = new Map(projectFiles.map((f) => [f.path, f.text]));
  const workspaceRules = rules.filter(
    (r): r is Extract<Rule, WorkspaceRule> => r.language === 'workspace' && config.severities[r.id] !== 'off',
  );
  for (const rule of workspaceRules) {
    const own: Array<{ path: string; finding: Finding }> = [];
    try {
      rule.check({
        project: view,
        report: (path, draft) =>
          own.push({ path, finding: toFinding(rule, path, draft, texts.get(path) ?? undefined, config) }),
      });
    } catch (error) {
      ruleErrors.push({ ruleId: rule.id, message: describeError(error) });
      continue;
    }
    for (const { path, finding } of own) {
      let list = findings.get(path);
      if (!list) findings.set(path, (list = []));
      list.push(finding);
    }
  }
  for (const list of findings.values())
    list.sort((a, b) => compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));

  return {
    findings,
    dropped,
    checklist: decideChecklist(input, view, findings, rules, config),
    ruleErrors,
    linked,
    flowLimitHit: links.truncated,
  };
}

/** Whether a finding decided for the whole workspace takes the place of a file's own (same rule, same range). */
export function supersedes(workspace: Finding, own: Finding): boolean {
  return workspace.ruleId === own.ruleId && compareRanges(workspace.range, own.range) === 0;
}

function toFinding(
  rule: Rule,
  path: string,
  draft: WorkspaceDraft,
  text: string | undefined,
  config: ResolvedConfig,
): Finding {
  const lines = text !== undefined ? new LineIndex(text) : undefined;
  const range =
    draft.range ?? (lines && draft.start !== undefined ? lines.rangeOf(draft.start, draft.end ?? draft.start) : ZERO);
  const configured = config.severities[rule.id];
  let severity: Severity = configured && configured !== 'off' ? configured : (draft.severity ?? rule.meta.severity);
  if (rule.meta.hintInTests && isTestPath(path)) severity = 'hint';
  return {
    ruleId: rule.id,
    severity,
    range,
    message: draft.message,
    fixes: (draft.fixes ?? []).map((fix) => ({
      title: fix.title,
      kind: fix.kind,
      edits: lines ? fix.edits.map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText })) : [],
      ...(fix.appendToFile ? { appendToFile: fix.appendToFile } : {}),
    })),
  };
}

/** What passes each item when nothing fails it: fact names whose presence is evidence. */
const evidenceFacts: Partial<Record<ChecklistItemId, readonly string[]>> = {
  https: [FACT.httpsServer, FACT.tlsServer],
  authentication: [FACT.auth],
  'rate-limiting': [FACT.rateLimit],
  'input-validation': [FACT.inputValidation],
  'error-handling': [FACT.errorHandler],
  logging: [FACT.structuredLogger],
  'security-headers': [FACT.securityHeaders],
};

/** Items that pass when the project was analyzed and nothing fails them (no positive evidence exists). */
const passWhenClean = new Set<ChecklistItemId>(['no-hardcoded-secrets', 'access-controls']);

/** Security scanners whose presence in CI or package scripts is "regular security testing". */
const securityScan =
  /\b(?:blah-security|eslint-plugin-security|npm audit|pnpm audit|yarn (?:npm )?audit|audit-ci|better-npm-audit|semgrep|snyk|codeql|trivy|grype|gitleaks|trufflehog|osv-scanner|njsscan|zap-(?:baseline|full-scan)|dependency-check)\b/i;
/** Dependency upkeep run in CI or scripts (besides a dependabot/renovate config). */
const dependencyUpkeep =
  /\b(?:npm audit|pnpm audit|yarn (?:npm )?audit|audit-ci|better-npm-audit|npm-check-updates|ncu -u|osv-scanner|snyk test)\b/i;

function decideChecklist(
  input: WorkspaceInput,
  view: ProjectView,
  findings: ReadonlyMap<string, Finding[]>,
  rules: readonly Rule[],
  config: ResolvedConfig,
): ChecklistItemResult[] {
  const itemOf = new Map(rules.map((r) => [r.id, r.meta.checklistItem]));
  const off = new Set(rulesOff(config, rules));
  const failing = new Map<ChecklistItemId, ChecklistFinding[]>();
  for (const [path, list] of findings) {
    for (const finding of list) {
      // Hints are findings in tests and fixtures: they inform, they do not fail the project;
      // a suppressed finding (kept for a report's record) was judged by the project's authors.
      if (finding.severity === 'hint' || finding.suppressed) continue;
      const item = itemOf.get(finding.ruleId);
      if (!item) continue;
      let items = failing.get(item);
      if (!items) failing.set(item, (items = []));
      items.push({
        path,
        range: finding.range,
        ruleId: finding.ruleId,
        message: finding.message,
        severity: finding.severity,
      });
    }
  }
  const analyzed = input.files.length > 0;
  return checklistItems.map(({ id, title }) => {
    const evidence = evidenceFor(id, view);
    const itemFindings = (failing.get(id) ?? []).sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : compareRanges(a.range, b.range),
    );
    let status: ChecklistStatus;
    if (itemFindings.length > 0) status = 'failed';
    else if (id === 'dependencies-updated')
      status =
        evidence.some((e) => e.text.startsWith('lockfile')) && evidence.some((e) => !e.text.startsWith('lockfile'))
          ? 'passed'
          : 'unknown';
    else if (evidence.length > 0 || (passWhenClean.has(id) && analyzed)) status = 'passed';
    else status = 'unknown';
    const own = rules.filter((r) => r.meta.checklistItem === id);
    const ownOff = own.filter((r) => off.has(r.id)).length;
    if (own.length > 0 && ownOff === own.length && status !== 'failed')
      return {
        id,
        title,
        status: 'unknown',
        findings: itemFindings,
        evidence,
        note: `not determined (rules off in ${CONFIG_FILE_NAME})`,
      };
    const note = ownOff > 0 ? `${ownOff} of ${own.length} rules off in ${CONFIG_FILE_NAME}` : undefined;
    return { id, title, status, findings: itemFindings, evidence, ...(note ? { note } : {}) };
  });
}

function evidenceFor(id: ChecklistItemId, view: ProjectView): ChecklistEvidence[] {
  const evidence: ChecklistEvidence[] = [];
  for (const name of evidenceFacts[id] ?? []) {
    for (const { path, fact } of view.facts(name)) {
      evidence.push({ path, range: fact.range ?? ZERO, text: describeFact(fact, path) });
    }
  }
  if (id === 'dependencies-updated') {
    for (const file of view.ofKind('lockfile'))
      evidence.push({ path: file.path, range: ZERO, text: `lockfile ${file.path}` });
    for (const file of view.ofKind('dependency-updates'))
      evidence.push({ path: file.path, range: ZERO, text: `automated dependency updates (${file.path})` });
    evidence.push(...textEvidence(view, dependencyUpkeep, 'dependency audit'));
  }
  if (id === 'security-testing') evidence.push(...textEvidence(view, securityScan, 'security scan'));
  // One line per place is plenty in a tree view.
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.path}:${e.range.start.line}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Mentions of `pattern` in CI configuration and package.json scripts or devDependencies. */
function textEvidence(view: ProjectView, pattern: RegExp, label: string): ChecklistEvidence[] {
  const evidence: ChecklistEvidence[] = [];
  for (const file of [...view.ofKind('ci'), ...view.ofKind('package-json')]) {
    if (!file.text) continue;
    const match = pattern.exec(file.text);
    if (!match) continue;
    const lines = new LineIndex(file.text);
    evidence.push({
      path: file.path,
      range: lines.rangeOf(match.index, match.index + match[0].length),
      text: `${label}: ${match[0]} in ${file.path}`,
    });
  }
  return evidence;
}

function describeFact(fact: Fact, path: string): string {
  const at = fact.range ? `${path}:${fact.range.start.line + 1}` : path;
  switch (fact.name) {
    case FACT.tlsServer:
      return `nginx TLS server in ${at}`;
    case FACT.httpsServer:
      return `HTTPS server (${String(fact.value)}) in ${at}`;
    case FACT.errorHandler:
      return `error handler in ${at}`;
    case FACT.auth:
      return fact.value === 'middleware' ? `authentication middleware in ${at}` : `${String(fact.value)} in ${at}`;
    default:
      return `${String(fact.value)} in ${at}`;
  }
}

/**
 * The checklist of several projects (workspace folders) as one: an item fails if it fails
 * anywhere, passes if it passes somewhere and fails nowhere.
 */
export function mergeChecklists(lists: readonly ChecklistItemResult[][]): ChecklistItemResult[] {
  return checklistItems.map(({ id, title }) => {
    const parts = lists
      .map((list) => list.find((item) => item.id === id))
      .filter((item): item is ChecklistItemResult => item !== undefined);
    const status: ChecklistStatus = parts.some((p) => p.status === 'failed')
      ? 'failed'
      : parts.some((p) => p.status === 'passed')
        ? 'passed'
        : 'unknown';
    const notes = [...new Set(parts.flatMap((p) => (p.note ? [p.note] : [])))];
    return {
      id,
      title,
      status,
      findings: parts.flatMap((p) => p.findings),
      evidence: parts.flatMap((p) => p.evidence),
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    };
  });
}
