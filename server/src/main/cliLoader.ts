// Entry of the command-line scanner (dist/cli.js): bin/blah-security.js calls main(), and
// `node dist/cli.js …` runs it too. This file is a few KB: it starts a scan's analysis worker
// (main/cliEarly.ts), then loads the scanner's bundle (dist/cli-main.js, 1 MB) with a V8 code
// cache, which saves a small scan ~15% of its time. The cache is written when the first run
// without one exits, so that every function the run compiled is in it.
import './cliEarly';
import { join } from 'node:path';
import { defaultCacheDir, loadCommonJs } from '../host/codeCache';

type Cli = typeof import('./cli');

const loaded = loadCommonJs<Cli>(join(__dirname, 'cli-main.js'), { cacheDir: defaultCacheDir(), digest: 'whole' });
if (!loaded.fromCache) process.once('exit', () => loaded.save());

export const main: Cli['main'] = loaded.exports.main;
export const configSchema: Cli['configSchema'] = loaded.exports.configSchema;

if (require.main === module) main();
