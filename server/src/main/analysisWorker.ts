// Worker-thread entry (dist/analysis-worker.js): runs analysis jobs for the node server, so a
// rule that never returns blocks this thread, not the one answering the editor.
import { parentPort } from 'node:worker_threads';
import { extraRules, idleRefresher, runJob, type AnalysisJob } from '../host/analysisJob';
import { allRules } from '../rules';
import { saveTypeScriptCache } from '../host/typescriptLoader';
import type { ParseCache } from '../languages/typescript/analyze';

const rules = [...allRules, ...extraRules(require, process.env.BLAH_SECURITY_EXTRA_RULES)];
/** Earlier parses of the documents this worker analyzes, for incremental reparsing. */
const parses: ParseCache = new Map();
const refresher = idleRefresher(parses);

parentPort?.on('message', (message: { id: number; job: AnalysisJob }) => {
  refresher.busy();
  try {
    parentPort!.postMessage({ id: message.id, result: runJob(message.job, rules, parses) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
  refresher.idle();
  // After the first analysis the compiler's hot functions are compiled: keep them for the next start.
  saveTypeScriptCache();
});
