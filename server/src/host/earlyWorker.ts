// Starts the analysis worker the moment the server process starts, before the rest of the bundle
// initializes, so that loading the TypeScript compiler in the worker overlaps the main thread's
// own start-up. node.ts imports this module first; createWorkerAnalyzer takes the worker over.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export const workerScript = join(__dirname, 'analysis-worker.js');

let early: Worker | undefined;
if (existsSync(workerScript)) {
  try {
    const started = new Worker(workerScript, { env: process.env });
    // Until the analyzer attaches its own handlers, a worker that fails to load is just dropped
    // (the analyzer starts a new one on its first job).
    started.once('error', () => {
      if (early === started) early = undefined;
    });
    started.unref();
    early = started;
  } catch {
    early = undefined;
  }
}

/** The worker started at process start, once; undefined if there is none (or it already failed). */
export function takeEarlyWorker(): Worker | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
