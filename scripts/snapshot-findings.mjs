// Writes every finding the built CLI reports over the examples, every rule fixture, the test
// workspaces and the real-code corpus, as one JSON document: run it before and after a change
// that must not change findings (a refactoring, a performance change) and compare the two files.
//   node scripts/snapshot-findings.mjs before.json   # ...change, npm run build...
//   node scripts/snapshot-findings.mjs after.json && diff before.json after.json
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const output = process.argv[2];
if (!output) {
  console.error('usage: node scripts/snapshot-findings.mjs OUTPUT.json');
  process.exit(2);
}

const folders = (dir) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${dir}/${e.name}`);
const ruleFolders = folders('test/rules').flatMap((area) => folders(area));
const corpus = JSON.parse(readFileSync(join(root, 'test/realcode/baseline.json'), 'utf8')).corpus.filter((p) =>
  existsSync(join(root, p)),
);
const targets = [
  ['examples/insecure-mcp-server'],
  ['examples/secure-mcp-server'],
  ...ruleFolders.map((f) => [f]),
  ...folders('test/workspaces').map((f) => [f]),
  corpus,
];

const snapshot = {};
for (const paths of targets) {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'bin', 'blah-security.js'),
      'scan',
      ...paths,
      '--format',
      'json',
      '--allow-empty',
      '--max-file-size',
      '20MB',
      '--jobs',
      '1',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  if (result.status !== 0 && result.status !== 1) {
    snapshot[paths.join(' ')] = { status: result.status, stderr: result.stderr };
    continue;
  }
  const report = JSON.parse(result.stdout);
  snapshot[paths.join(' ')] = { files: report.files, checklist: report.checklist };
}
writeFileSync(output, JSON.stringify(snapshot, null, 1) + '\n');
const findings = Object.values(snapshot).reduce(
  (n, s) => n + (s.files ?? []).reduce((m, f) => m + f.findings.length, 0),
  0,
);
console.log(`${targets.length} scans, ${findings} findings -> ${output}`);
