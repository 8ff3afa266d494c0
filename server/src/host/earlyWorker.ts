// Starts the analysis worker the moment a process starts, before the rest of its bundle
// initializes, so that loading the TypeScript compiler in the worker overlaps the main thread's
// own start-up. An entry's first import calls startEarlyWorker (main/nodeEarly.ts for the
// server, main/cliEarly.ts for a scan); createWorkerAnalyzer takes the worker over. This module
// imports only node's: anything more would initialize before the worker starts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export const workerScript = join(__dirname, 'analysis-worker.js');

/**
 * The worker lives on a global slot, not in a module variable: the CLI's small entry (dist/cli.js)
 * starts it and the scanner's bundle it loads (dist/cli-main.js, a second copy of this module)
 * takes it over.
 */
const slot = Symbol.for('blah-security.earlyWorker');
const holder = globalThis as { [slot]?: Worker };

/** Starts the worker, if its script is there and none was started yet. */
export function startEarlyWorker(): void {
  if (holder[slot] || !existsSync(workerScript)) return;
  try {
    const started = new Worker(workerScript, { env: process.env });
    // Until the analyzer attaches its own handlers, a worker that fails to load is just dropped
    // (the analyzer starts a new one on its first job).
    started.once('error', () => {
      if (holder[slot] === started) holder[slot] = undefined;
    });
    started.unref();
    holder[slot] = started;
  } catch {
    holder[slot] = undefined;
  }
}

/** The worker started at process start, once; undefined if there is none (or it already failed). */
export function takeEarlyWorker(): Worker | undefined {
  const taken = holder[slot];
  holder[slot] = undefined;
  return taken;
}
