// What `vsce package` puts in the .vsix: the bundles and the manifest, nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';

const repo = join(__dirname, '..');

it('the extension package holds the bundles and no node_modules, tests or examples', () => {
  const vsce = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'ls'], { cwd: repo, encoding: 'utf8', timeout: 120000 });
  assert.equal(result.status, 0, result.stderr);
  const files = result.stdout.split('\n').filter((line) => line.trim() !== '').sort();
  assert.deepEqual(files, [
    'LICENSE',
    'README.md',
    'dist/analysis-worker.js',
    'dist/blah-security.schema.json',
    'dist/client.js',
    'dist/server.js',
    'package.json',
    'syntaxes/nginx.language-configuration.json',
    'syntaxes/nginx.tmLanguage.json',
  ]);
});
