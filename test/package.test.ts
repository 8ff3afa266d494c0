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
  const all = result.stdout.split('\n').filter((line) => line.trim() !== '').sort();
  // The checklist guide and the rule pages it links to open offline from the view's "Open Guide Section".
  const docs = all.filter((f) => /^docs\/(?:checklist|rules\/[a-z]+\/[a-z0-9-]+)\.md$/.test(f));
  assert.ok(docs.includes('docs/checklist.md'));
  assert.ok(docs.length > 80, `${docs.length} docs pages`);
  const files = all.filter((f) => !docs.includes(f));
  assert.deepEqual(files, [
    'LICENSE',
    'README.md',
    'dist/analysis-worker.js',
    'dist/blah-security.schema.json',
    'dist/client.js',
    'dist/server.js',
    'package.json',
    'resources/blah-security.svg',
    'syntaxes/nginx.language-configuration.json',
    'syntaxes/nginx.tmLanguage.json',
  ]);
});
