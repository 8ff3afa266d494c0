// The one way node hosts analyze: a pool of worker threads with a watchdog, used by the language
// server (one thread) and the CLI (one per core). A job that exceeds its time budget is stopped by
// terminating its worker. The worker writes which rule is running into memory shared with this
// thread, so the rule a stopped run was stuck in is known at once; the file is then analyzed
// again without it, and a fresh worker takes the stopped one's place. The rule is blamed only when
// that second run finishes: a file that overruns without it too (slow outside any one rule) is
// reported as not analyzed, and no rule is blamed. A blamed rule is skipped on that file only,
// never on the others: a hostile file must not switch a rule off for a whole session.
//
// Both ends of the protocol are here: createWorkerAnalyzer on the host thread, serveAnalysis in
// the worker (main/analysisWorker.ts).
import { Worker, type MessagePort } from 'node:worker_threads';
import { describeError } from '../core/language';
import type { RuleError } from '../core/rule';
import type { AnalysisResult } from '../engine/analyze';
import type { ParseCache } from '../languages/typescript/analyze';
import type { Rule } from '../rules';
import { idleRefresher, runJob, type AnalysisJob, type Analyzer } from './analysisJob';
import { saveTypeScriptCache } from './typescriptLoader';

/** Host to worker: first the shared slot the worker writes the running rule into, then jobs. */
type ToWorker = { watch: SharedArrayBuffer } | { id: number; job: AnalysisJob };
/**
 * Worker to host: its rules (the slot holds an index into them, -1 for none) once loaded, then
 * answers. A result crosses as its JSON text: a result is plain data (findings, facts, flows), and
 * one string is cheaper to post than the structured clone of thousands of small objects (a
 * 4,600-file scan with one worker spent ~7% less CPU).
 */
type FromWorker = { ready: readonly string[] } | { id: number; json: string } | { id: number; error: string };

/** Starts a worker on the analysis worker script (it loads the compiler before it answers). */
export function startAnalysisWorker(script: string): Worker {
  return new Worker(script, { env: process.env });
}

/** The worker's side: answers each job with its result, and keeps the shared slot current. */
export function serveAnalysis(port: Pick<MessagePort, 'on' | 'postMessage'>, rules: readonly Rule[]): void {
  /** Earlier parses of the documents this worker analyzes, for incremental reparsing. */
  const parses: ParseCache = new Map();
  const refresher = idleRefresher(parses);
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  let slot: Int32Array | undefined;
  // A plain store, not Atomics.store (a fence each time: ~0.1 µs, 235,000 times over 2 MB of
  // code): the host reads the slot only once this thread has been stuck for a whole budget, long
  // after any store is visible to it.
  const onRule = (ruleId: string | undefined): void => {
    if (slot) slot[0] = ruleId === undefined ? -1 : (indexOf.get(ruleId) ?? -1);
  };
  port.on('message', (message: ToWorker) => {
    if ('watch' in message) {
      slot = new Int32Array(message.watch);
      port.postMessage({ ready: rules.map((rule) => rule.id) } satisfies FromWorker);
      return;
    }
    refresher.busy();
    onRule(undefined);
    try {
      port.postMessage({
        id: message.id,
        json: JSON.stringify(runJob(message.job, rules, parses, onRule)),
      } satisfies FromWorker);
    } catch (error) {
      port.postMessage({
        id: message.id,
        error: describeError(error),
      } satisfies FromWorker);
    }
    onRule(undefined);
    refresher.idle();
    // After the first analysis the compiler's hot functions are compiled: keep them for the next start.
    saveTypeScriptCache();
  });
}

/** Runs younger than this finish even when aborted; older ones are stopped. */
const ABORT_AFTER_MS = 300;
/**
 * How long a worker may take to load (the compiler, from its code cache or not) before its job is
 * failed. A job's budget starts only once its worker has loaded: on a busy machine loading alone
 * can take longer than a short budget.
 */
const LOAD_TIMEOUT_MS = 60000;

/** How one run ended: a result, stopped at the budget (in this rule, if one was running), the worker failed, or aborted. */
type RunOutcome =
  { result: AnalysisResult } | { hung: string | undefined; budgetMs: number } | { failed: string } | 'aborted';

interface Queued {
  id: number;
  job: AnalysisJob;
  resolve: (outcome: RunOutcome) => void;
  background: boolean;
}

interface Slot {
  worker: Worker;
  /** Index (into `rules`) of the rule the worker is running, -1 for none. */
  watch: Int32Array;
  /** The worker's rules, once it has loaded and said so. */
  rules?: readonly string[];
  /** The one job this worker runs (one at a time, so an edit never waits behind a scan's backlog). */
  current?: { entry: Queued; timer: ReturnType<typeof setTimeout>; started: number; budgetMs: number };
  retired: boolean;
}

export interface WorkerAnalyzerOptions {
  script: string;
  /** Worker threads at most (default 1); past the first, they start while jobs wait for one. */
  threads?: number;
  /** Time budget for one file (default 5 s plus 4 s per MB: the fuzz bound, with room for a slow machine). */
  budgetMs?: (job: AnalysisJob) => number;
  /**
   * What becomes of a rule that did not finish on a file. 'document' (the editor): skipped for
   * that document's later jobs too (its cacheKey, else its path), since the next keystroke would
   * hang it again; still reported there each time. 'file' (the CLI): left out of this job only.
   * Either way every other file still runs it.
   */
  hungRules?: 'document' | 'file';
  log?: (message: string) => void;
  /** A worker already started on `script` (at process start), used before any new one. */
  initial?: Worker;
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** The rule error of a rule that did not finish on a file. */
export function hungRuleError(ruleId: string, budgetMs: number): RuleError {
  return { ruleId, message: `did not finish within ${seconds(budgetMs)}; the file was analyzed without it` };
}

/**
 * The result of a file whose analysis could not be finished; `running` is the rule that was
 * running when it was stopped, whose exclusion did not help (so it is not blamed).
 */
export function unfinishedAnalysis(budgetMs: number, ruleErrors: RuleError[], running?: string): AnalysisResult {
  const detail = running ? ` (not even without ${running}, which was running when it was stopped)` : '';
  return {
    findings: [],
    facts: [],
    ruleErrors,
    skipped: `analysis did not finish within ${seconds(budgetMs)}${detail}`,
    failed: true,
  };
}

export function createWorkerAnalyzer(options: WorkerAnalyzerOptions): Analyzer & { dispose(): Promise<void> } {
  const threads = Math.max(1, options.threads ?? 1);
  const budgetMs = options.budgetMs ?? ((job: AnalysisJob) => 5000 + (4000 * job.input.text.length) / (1024 * 1024));
  const log = options.log ?? (() => undefined);
  /** 'document' mode: the rules that did not finish on each document, by cacheKey or path. */
  const hungOn = new Map<string, Set<string>>();
  const slots: Slot[] = [];
  let nextId = 1;
  let disposed = false;
  /** Jobs waiting for a worker: editor jobs first, workspace-scan jobs after them. */
  const queue: Queued[] = [];
  let initial = options.initial;

  function startSlot(): Slot {
    const worker = initial ?? startAnalysisWorker(options.script);
    initial = undefined;
    const watch = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    watch[0] = -1;
    const slot: Slot = { worker, watch, retired: false };
    worker.on('message', (message: FromWorker) => {
      if (slot.retired) return;
      if ('ready' in message) {
        slot.rules = message.ready;
        // A job sent before the worker had loaded gets its budget from now on.
        const running = slot.current;
        if (running) {
          clearTimeout(running.timer);
          running.timer = setTimeout(() => timeOut(slot), running.budgetMs);
        }
        return;
      }
      const running = slot.current;
      if (!running || running.entry.id !== message.id) return;
      clearTimeout(running.timer);
      slot.current = undefined;
      if ('error' in message) log(`Analysis failed and was skipped: ${message.error}`);
      running.entry.resolve(
        'json' in message ? { result: JSON.parse(message.json) as AnalysisResult } : { failed: message.error },
      );
      pump();
    });
    worker.on('error', (error) => {
      log(`Analysis worker failed: ${error.name}: ${error.message}`);
      retire(slot, { failed: `analysis worker failed: ${error.name}: ${error.message}` });
    });
    worker.on('exit', (code) => retire(slot, { failed: `analysis worker exited (${code})` }));
    worker.unref();
    worker.postMessage({ watch: watch.buffer } satisfies ToWorker);
    slots.push(slot);
    return slot;
  }

  function timeOut(slot: Slot): void {
    const running = slot.current;
    if (!running) return;
    if (!slot.rules)
      return retire(slot, { failed: `the analysis worker did not load within ${seconds(LOAD_TIMEOUT_MS)}` });
    const index = Atomics.load(slot.watch, 0);
    retire(slot, { hung: index >= 0 ? slot.rules?.[index] : undefined, budgetMs: running.budgetMs });
  }

  /** Ends the slot's running job with `outcome`, terminates its worker, and goes on with the queue. */
  function retire(slot: Slot, outcome: RunOutcome): void {
    if (slot.retired) return;
    slot.retired = true;
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
    const running = slot.current;
    slot.current = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.entry.resolve(outcome);
    }
    // Keep one worker loaded, so the next job does not wait for the compiler (unless workers fail to load at all).
    if (!disposed && slots.length === 0 && slot.rules) startIfPossible();
    pump();
  }

  function startIfPossible(): Slot | undefined {
    try {
      return startSlot();
    } catch (error) {
      log(`Analysis worker could not start: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  function pump(): void {
    while (queue.length > 0 && !disposed) {
      let slot = slots.find((s) => !s.current);
      if (!slot && slots.length < threads) slot = startIfPossible();
      if (!slot) {
        // No worker and none can start: the waiting jobs fail rather than wait forever.
        if (slots.length === 0)
          for (const entry of queue.splice(0)) entry.resolve({ failed: 'analysis worker could not start' });
        return;
      }
      const entry = queue.shift()!;
      const budget = budgetMs(entry.job);
      // The budget counts from the moment the worker gets the job (or has loaded), not from when it was queued.
      const target = slot;
      slot.current = {
        entry,
        timer: setTimeout(() => timeOut(target), slot.rules ? budget : LOAD_TIMEOUT_MS),
        started: Date.now(),
        budgetMs: budget,
      };
      slot.worker.postMessage({ id: entry.id, job: entry.job } satisfies ToWorker);
    }
  }

  /**
   * One run with a deadline. An abort drops a queued job at once and stops a running one that has
   * been going for a while (restarting the worker costs more than letting a short run finish and
   * dropping its result).
   */
  function run(job: AnalysisJob, signal?: AbortSignal): Promise<RunOutcome> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve('aborted');
      const entry: Queued = { id: nextId++, job, resolve, background: job.priority === 'background' };
      const firstBackground = entry.background ? -1 : queue.findIndex((q) => q.background);
      if (firstBackground < 0) queue.push(entry);
      else queue.splice(firstBackground, 0, entry);
      signal?.addEventListener(
        'abort',
        () => {
          const at = queue.indexOf(entry);
          if (at >= 0) {
            queue.splice(at, 1);
            resolve('aborted');
            return;
          }
          const slot = slots.find((s) => s.current?.entry === entry);
          if (slot && Date.now() - slot.current!.started >= ABORT_AFTER_MS) retire(slot, 'aborted');
        },
        { once: true },
      );
      pump();
    });
  }

  // Start loading a worker (and the compiler in it) now, before the first job.
  startIfPossible();

  const analyzer = async (job: AnalysisJob, signal?: AbortSignal): Promise<AnalysisResult> => {
    const document = options.hungRules === 'document' ? (job.cacheKey ?? job.input.path) : undefined;
    const remembered = document !== undefined ? hungOn.get(document) : undefined;
    const excluded = new Set([...(job.exclude ?? []), ...(remembered ?? [])]);
    // Rules this document hung before: skipped, and said again on every result (a diagnostic).
    const skippedBefore = [...(remembered ?? [])].map((ruleId) => ({
      ruleId,
      message: 'did not finish on this file before; skipped for it',
    }));
    // A rule stopped on this file, blamed only if the run without it finishes.
    let suspect = job.suspect;
    if (suspect !== undefined) excluded.add(suspect);
    for (;;) {
      const outcome = await run(excluded.size > 0 ? { ...job, exclude: [...excluded] } : job, signal);
      if (outcome === 'aborted')
        return { findings: [], facts: [], ruleErrors: [], skipped: 'cancelled: a newer version arrived' };
      if ('result' in outcome) {
        const blamed = suspect !== undefined ? [hungRuleError(suspect, budgetMs(job))] : [];
        if (suspect !== undefined && document !== undefined) {
          hungOn.set(document, new Set([...(remembered ?? []), suspect]));
          log(
            `Rule ${suspect} did not finish on ${job.input.path} within its time budget and is skipped for that file.`,
          );
        }
        const extra = [...skippedBefore, ...blamed];
        return extra.length > 0
          ? { ...outcome.result, ruleErrors: [...outcome.result.ruleErrors, ...extra] }
          : outcome.result;
      }
      if ('failed' in outcome)
        return {
          findings: [],
          facts: [],
          ruleErrors: skippedBefore,
          skipped: `could not be analyzed (${outcome.failed})`,
          failed: true,
        };
      // Stopped at the budget. Without the suspect it still overran: the time goes elsewhere (the
      // parse, the engine, several rules), and blaming the rule that happened to be running
      // would report an innocent one.
      const rule = outcome.hung;
      if (suspect !== undefined || rule === undefined || excluded.has(rule))
        return unfinishedAnalysis(outcome.budgetMs, skippedBefore, suspect);
      suspect = rule;
      excluded.add(rule);
    }
  };
  return Object.assign(analyzer, {
    async dispose(): Promise<void> {
      disposed = true;
      for (const entry of queue.splice(0)) entry.resolve('aborted');
      const workers = slots.map((slot) => slot.worker);
      for (const slot of [...slots]) retire(slot, 'aborted');
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  });
}
