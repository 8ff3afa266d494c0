// Analysis on this thread with a deadline, for scans too small to pay for a worker thread (its
// start and its own load of the bundle and the compiler cost a small scan ~20% of its time). The
// deadline is V8's: node's vm timeout stops the running script from a watchdog thread, so a rule
// that never returns is stopped here as surely as by terminating a worker, and the rule that was
// running is known from the engine's onRule. A stopped run may leave this thread's module state
// half built (a lazily filled table), so after the first hang every later job, the hung file's
// second run included, goes to the worker pool instead.
import { createContext, Script } from 'node:vm';
import type { AnalysisResult } from '../engine/analyze';
import { describeError } from '../core/language';
import type { Rule } from '../rules';
import { runJob, type AnalysisJob, type Analyzer } from './analysisJob';
import { unfinishedAnalysis } from './workerAnalyzer';
import { saveTypeScriptCache } from './typescriptLoader';

type Outcome = { result: AnalysisResult } | { hung: string | undefined } | { failed: string };

/** Runs a job on this thread, stopped after `budgetMs`; says which rule was running if it was stopped. */
export function createWatchedRunner(rules: readonly Rule[]): (job: AnalysisJob, budgetMs: number) => Outcome {
  let running: string | undefined;
  let call: (() => AnalysisResult) | undefined;
  const context = createContext({ run: () => call!() });
  const script = new Script('run()', { filename: 'blah-security-watched-run' });
  const onRule = (ruleId: string | undefined): void => {
    running = ruleId;
  };
  return (job, budgetMs) => {
    running = undefined;
    call = () => runJob(job, rules, undefined, onRule);
    try {
      const result = script.runInContext(context, { timeout: Math.max(1, Math.round(budgetMs)) }) as AnalysisResult;
      return { result };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { hung: running };
      return { failed: describeError(error) };
    } finally {
      call = undefined;
    }
  };
}

export interface ThreadThenPoolOptions {
  rules: readonly Rule[];
  budgetMs: number;
  /** The worker pool that takes over after a hang (started then, not before). */
  startPool: () => Analyzer & { dispose(): Promise<void> };
  log?: (message: string) => void;
}

/**
 * Analyzes on this thread until a rule hangs, then in the worker pool: the hung file again
 * without the rule (blamed, as the pool blames it, only if that run finishes), and every file
 * after it.
 */
export function createThreadThenPoolAnalyzer(options: ThreadThenPoolOptions): Analyzer & { dispose(): Promise<void> } {
  const run = createWatchedRunner(options.rules);
  let pool: (Analyzer & { dispose(): Promise<void> }) | undefined;
  let cacheSaved = false;
  const analyzer: Analyzer = async (job, signal) => {
    if (pool) return pool(job, signal);
    const outcome = run(job, options.budgetMs);
    if ('result' in outcome) {
      if (!cacheSaved) {
        cacheSaved = true;
        // The compiler's hot functions are compiled now: keep them for the next start.
        saveTypeScriptCache();
      }
      return outcome.result;
    }
    if ('failed' in outcome) {
      options.log?.(`Analysis failed and was skipped: ${outcome.failed}`);
      return {
        findings: [],
        facts: [],
        ruleErrors: [],
        skipped: `could not be analyzed (${outcome.failed})`,
        failed: true,
      };
    }
    pool = options.startPool();
    if (outcome.hung === undefined) return unfinishedAnalysis(options.budgetMs, []);
    // The pool runs it without the rule, and blames the rule only if that run finishes.
    return pool({ ...job, suspect: outcome.hung }, signal);
  };
  return Object.assign(analyzer, {
    dispose: async (): Promise<void> => {
      await pool?.dispose();
    },
  });
}
