// Worker-thread entry (dist/analysis-worker.js): runs analysis jobs for the node server, so a
// rule that never returns blocks this thread, not the one answering the editor.
import { parentPort } from 'node:worker_threads';
import { extraRules, runJob, type AnalysisJob } from './analysisJob';
import { allRules } from './engine/registry';

const rules = [...allRules, ...extraRules(require, process.env.BLAH_SECURITY_EXTRA_RULES)];

parentPort?.on('message', (message: { id: number; job: AnalysisJob }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: runJob(message.job, rules) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
