// What the server asks an analyzer to do, as plain data (it crosses to a worker thread), and the
// in-process analyzer used where no worker exists (tests, the browser worker that already is one).
import { analyze, type AnalysisResult, type AnalyzeInput } from '../engine/analyze';
import { refreshParses, type ParseCache } from '../languages/typescript/analyze';
import { resolveConfig, type ProjectConfig, type ResolvedConfig } from '../core/config';
import { allRules, ruleIds, type Rule } from '../rules';

export interface AnalysisJob {
  input: AnalyzeInput;
  project?: ProjectConfig;
  settings: { rules?: Record<string, unknown>; maxFileSize?: number };
  /** Rules not to run. */
  exclude?: readonly string[];
  /**
   * A rule that did not finish on this file on another thread: left out, and blamed only if the
   * run without it finishes (see host/workerAnalyzer.ts).
   */
  suspect?: string;
  /** The document this job analyzes, so the analyzer can reparse it incrementally. */
  cacheKey?: string;
  /** Workspace-scan jobs wait behind every job for an open document. */
  priority?: 'editor' | 'background';
  /**
   * Whether findings carry their fixes (default: yes, except for workspace-scan jobs, whose files
   * no editor shows). Editors analyze keystrokes without them and ask for them on demand.
   */
  fixes?: boolean;
  /** Keep findings a suppression comment covers, marked (see AnalyzeOptions.keepSuppressed). */
  keepSuppressed?: boolean;
}

/** Runs a job; `signal` aborts it when a newer version of the document arrives. */
export type Analyzer = (job: AnalysisJob, signal?: AbortSignal) => Promise<AnalysisResult>;

/** Resolved configurations by the content of what they were resolved from, most recently used last. */
const resolvedConfigs = new Map<string, ResolvedConfig>();
const MAX_RESOLVED_CONFIGS = 16;

/**
 * The job's configuration resolved (rule defaults, the merged project files, settings). A job
 * crosses to a worker as plain data, and a resolved configuration holds compiled patterns and
 * functions that do not; so a thread resolves each distinct configuration once and reuses it for
 * every file that has it, instead of resolving it again for each file.
 */
export function jobConfig(job: Pick<AnalysisJob, 'project' | 'settings'>): ResolvedConfig {
  const key = JSON.stringify([job.project ?? null, job.settings]);
  let config = resolvedConfigs.get(key);
  if (config) {
    resolvedConfigs.delete(key);
  } else {
    config = resolveConfig(job.project, job.settings, ruleIds);
    if (resolvedConfigs.size >= MAX_RESOLVED_CONFIGS) resolvedConfigs.delete(resolvedConfigs.keys().next().value!);
  }
  resolvedConfigs.set(key, config);
  return config;
}

/** Runs a job in this thread. `onRule` is told which rule runs (see AnalyzeInput.onRule). */
export function runJob(
  job: AnalysisJob,
  available: readonly Rule[] = allRules,
  parses?: ParseCache,
  onRule?: (ruleId: string | undefined) => void,
): AnalysisResult {
  const exclude = new Set(job.exclude ?? []);
  const rules = exclude.size === 0 ? available : available.filter((rule) => !exclude.has(rule.id));
  const input = {
    ...job.input,
    ...(parses && job.cacheKey ? { incremental: { key: job.cacheKey, files: parses } } : {}),
    ...(onRule ? { onRule } : {}),
  };
  // A workspace-scan job is for a file no editor shows: nobody can ask for its quick fixes (an
  // editor that opens it gets a fresh analysis), so none are made, kept or sent for it.
  return analyze(input, jobConfig(job), rules, {
    fixes: job.fixes ?? job.priority !== 'background',
    ...(job.keepSuppressed ? { keepSuppressed: true } : {}),
  });
}

/**
 * Rules from the module BLAH_SECURITY_EXTRA_RULES names (node only): how tests inject a rule
 * that hangs. Not a plugin API.
 */
export function extraRules(load: (path: string) => unknown, path: string | undefined): Rule[] {
  if (!path) return [];
  const module = load(path) as { rules?: Rule[] };
  return module.rules ?? [];
}

/** Quiet time after a job before an analyzer refreshes its long-edited parse trees. */
const IDLE_MS = 400;

/**
 * Refreshes `parses` (see refreshParses) once no job has come for a while: typing pauses long
 * before the full parse of a big file (~50 ms for 200 KB) would matter, and a keystroke that
 * lands during one waits for it instead of paying for it every time.
 */
export function idleRefresher(parses: ParseCache): { busy(): void; idle(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    busy(): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    idle(): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        refreshParses(parses);
      }, IDLE_MS);
      // Node: an idle refresh must not keep a process alive.
      (timer as { unref?: () => void }).unref?.();
    },
  };
}

/** Analysis in this thread (tests, the browser server that is itself a worker), with its own parse memory. */
export function createInProcessAnalyzer(): Analyzer {
  const parses: ParseCache = new Map();
  const refresher = idleRefresher(parses);
  return async (job) => {
    refresher.busy();
    try {
      return runJob(job, allRules, parses);
    } finally {
      refresher.idle();
    }
  };
}
