// Worker-thread entry (dist/analysis-worker.js): runs analysis jobs for the node server and the
// CLI, so a rule that never returns blocks this thread, not the one answering the editor or
// scheduling the scan. The protocol and the watchdog are in host/workerAnalyzer.ts.
import { parentPort } from 'node:worker_threads';
import { extraRules } from '../host/analysisJob';
import { serveAnalysis } from '../host/workerAnalyzer';
import { allRules } from '../rules';

if (parentPort) serveAnalysis(parentPort, [...allRules, ...extraRules(require, process.env.BLAH_SECURITY_EXTRA_RULES)]);
