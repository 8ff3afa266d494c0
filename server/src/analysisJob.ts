// What the server asks an analyzer to do, as plain data (it crosses to a worker thread), and the
// in-process analyzer used where no worker exists (tests, the browser worker that already is one).
import { analyze, type AnalysisResult, type AnalyzeInput } from './engine/analyze';
import { resolveConfig, type ProjectConfig } from './engine/config';
import { allRules, type Rule } from './engine/registry';

export interface AnalysisJob {
  input: AnalyzeInput;
  project?: ProjectConfig;
  settings: { rules?: Record<string, unknown>; maxFileSize?: number };
  /** Rules not to run (disabled after they hung). */
  exclude?: readonly string[];
  /** Only these rules (used to find which rule hangs). */
  only?: readonly string[];
}

/** Runs a job; `signal` aborts it when a newer version of the document arrives. */
export type Analyzer = (job: AnalysisJob, signal?: AbortSignal) => Promise<AnalysisResult>;

export function runJob(job: AnalysisJob, available: readonly Rule[] = allRules): AnalysisResult {
  const exclude = new Set(job.exclude ?? []);
  const only = job.only ? new Set(job.only) : undefined;
  const rules = available.filter((rule) => !exclude.has(rule.id) && (!only || only.has(rule.id)));
  return analyze(job.input, resolveConfig(job.project, job.settings), rules);
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

export const inProcessAnalyzer: Analyzer = async (job) => runJob(job);
