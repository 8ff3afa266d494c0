// Runs every test file (test/**/*.test.ts, except the editor suites that need a real VS Code)
// with Node's test runner, one runner for the whole suite so its closing summary counts all.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const excluded = new Set(['vscode', 'web']);

function collect(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!excluded.has(entry.name) || dir !== join(root, 'test')) files.push(...collect(path));
    } else if (entry.name.endsWith('.test.ts')) {
      files.push(relative(root, path));
    }
  }
  return files.sort();
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : collect(join(root, 'test'));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
