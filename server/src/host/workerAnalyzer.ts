// Runs analysis in a worker thread with a watchdog. A run that exceeds its time budget is
// stopped by terminating the worker; the file is then re-run rule group by rule group to find
// the rule that hangs, which is disabled for the rest of the session and reported once.
import { Worker } from 'node:worker_threads';
import type { AnalysisJob, Analyzer } from './analysisJob';
import { enabledRules, languageOf, type AnalysisResult } from '../engine/analyze';
import { resolveConfig } from '../core/config';
import type { Rule } from '../rules';

/** Runs younger than this finish even when aborted; older ones are stopped. */
const ABORT_AFTER_MS = 300;

interface Queued {
  id: number;
  job: AnalysisJob;
  resolve: (result: AnalysisResult | undefined | 'aborted') => void;
  background: boolean;
}

export interface WorkerAnalyzerOptions {
  script: string;
  /** Time budget for one file: base plus per MB (the fuzz bound, with room for a cold worker). */
  baseMs?: number;
  perMbMs?: number;
  log: (message: string) => void;
  /** Every rule the worker can run (the registry plus any injected for tests). */
  rules: readonly Rule[];
  /** A worker already started on `script` (at process start), used before any new one. */
  initial?: Worker;
}

export function createWorkerAnalyzer(options: WorkerAnalyzerOptions): Analyzer & { dispose(): Promise<void> } {
  const baseMs = options.baseMs ?? 5000;
  const perMbMs = options.perMbMs ?? 4000;
  const disabled = new Set<string>();
  let worker: Worker | undefined;
  let nextId = 1;
  /** Jobs waiting for the worker: editor jobs first, workspace-scan jobs after them. */
  const queue: Queued[] = [];
  /** The one job the worker is running (one at a time, so an edit never waits behind a scan's backlog). */
  let current: { entry: Queued; timer: ReturnType<typeof setTimeout>; started: number } | undefined;

  let initial = options.initial;
  function start(): Worker {
    const created = initial ?? new Worker(options.script, { env: process.env });
    initial = undefined;
    created.on('message', (message: { id: number; result?: AnalysisResult; error?: string }) => {
      if (!current || current.entry.id !== message.id) return;
      const { entry, timer } = current;
      clearTimeout(timer);
      current = undefined;
      if (message.error) options.log(`Analysis failed and was skipped: ${message.error}`);
      entry.resolve(message.result);
      pump();
    });
    created.on('error', (error) => {
      options.log(`Analysis worker failed: ${error.name}: ${error.message}`);
      if (worker === created) stopCurrent(undefined);
    });
    created.unref();
    return created;
  }

  /** Ends the running job with `outcome`, replaces the worker, and goes on with the queue. */
  function stopCurrent(outcome: undefined | 'aborted'): void {
    const running = current;
    current = undefined;
    const old = worker;
    worker = undefined;
    void old?.terminate();
    if (running) {
      clearTimeout(running.timer);
      running.entry.resolve(outcome);
    }
    pump();
  }

  function pump(): void {
    if (current || queue.length === 0) return;
    const entry = queue.shift()!;
    worker ??= start();
    const budget = baseMs + (perMbMs * entry.job.input.text.length) / (1024 * 1024);
    // The budget counts from the moment the worker gets the job, not from when it was queued.
    const timer = setTimeout(() => stopCurrent(undefined), budget);
    current = { entry, timer, started: Date.now() };
    worker.postMessage({ id: entry.id, job: entry.job });
  }

  /**
   * One run with a deadline: the result, or undefined when it timed out (the worker is replaced).
   * An abort drops a queued job at once and stops a running one that has been going for a while
   * (restarting the worker costs more than letting a short run finish and dropping its result).
   */
  function run(job: AnalysisJob, signal?: AbortSignal): Promise<AnalysisResult | undefined | 'aborted'> {
    return new Promise((resolve) => {
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
          } else if (current?.entry === entry && Date.now() - current.started >= ABORT_AFTER_MS) {
            stopCurrent('aborted');
          }
        },
        { once: true },
      );
      pump();
    });
  }

  /** Halves the candidate rules until the one that hangs on this input is found. */
  async function findHangingRule(job: AnalysisJob, candidates: string[]): Promise<string | undefined> {
    let suspects = candidates;
    while (suspects.length > 1) {
      const half = suspects.slice(0, Math.ceil(suspects.length / 2));
      const hung = (await run({ ...job, only: half })) === undefined;
      suspects = hung ? half : suspects.slice(half.length);
    }
    if (suspects.length === 1 && (await run({ ...job, only: suspects })) === undefined) return suspects[0];
    return undefined;
  }

  // Start loading the worker (and TypeScript in it) now, while the client is still handshaking.
  worker = start();

  const analyzer = async (job: AnalysisJob, signal?: AbortSignal): Promise<AnalysisResult> => {
    const request = { ...job, exclude: [...disabled] };
    const result = await run(request, signal);
    if (result === 'aborted') return { findings: [], facts: [], ruleErrors: [], skipped: 'cancelled: a newer version arrived' };
    if (result) return result;
    const config = resolveConfig(job.project, job.settings);
    const language = languageOf(job.input.location ?? job.input.path, job.input.languageId, job.input.text, config.languageOf(job.input.path));
    const candidates = language ? enabledRules(language, config, options.rules).map((r) => r.id).filter((id) => !disabled.has(id)) : [];
    const culprit = await findHangingRule(request, candidates);
    if (culprit) {
      disabled.add(culprit);
      options.log(`Rule ${culprit} did not finish within its time budget and is disabled for this session.`);
      const retried = await run({ ...job, exclude: [...disabled] });
      if (retried && retried !== 'aborted') return { ...retried, ruleErrors: [...retried.ruleErrors, { ruleId: culprit, message: 'did not finish within its time budget; disabled for this session' }] };
    }
    return { findings: [], facts: [], ruleErrors: [], skipped: 'analysis did not finish within its time budget' };
  };
  return Object.assign(analyzer, {
    async dispose(): Promise<void> {
      for (const entry of queue.splice(0)) entry.resolve('aborted');
      stopCurrent(undefined);
    },
  });
}
