// What `vsce package` puts in the .vsix: the bundles and the manifest, nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { it } from 'node:test';
import { ruleIds } from '../server/src/rules';

const repo = join(__dirname, '..');

it('the extension package holds the bundles and no node_modules, tests or examples', () => {
  const vsce = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'ls'], { cwd: repo, encoding: 'utf8', timeout: 120000 });
  assert.equal(result.status, 0, result.stderr);
  const all = result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .sort();
  // The checklist guide and the rule pages it links to open offline from the view's "Open Guide Section".
  const docs = all.filter((f) => /^docs\/(?:checklist|rules\/[a-z]+\/[a-z0-9-]+)\.md$/.test(f));
  assert.ok(docs.includes('docs/checklist.md'));
  assert.ok(docs.length > 80, `${docs.length} docs pages`);
  // Every rule's page: diagnostics link to it and "Show documentation" opens it from the package.
  const missing = ruleIds.map((id) => `docs/rules/${id}.md`).filter((page) => !docs.includes(page));
  assert.deepEqual(missing, []);
  const files = all.filter((f) => !docs.includes(f));
  assert.deepEqual(files, [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/analysis-worker.js',
    'dist/blah-security.schema.json',
    'dist/client.js',
    // The nginx directive data the node bundles share (required on first use of an nginx file).
    'dist/nginx-reference.js',
    'dist/server.js',
    // The compiler the node bundles share (they require it; none bundles its own copy).
    'dist/typescript.js',
    'dist/web/client.js',
    'dist/web/server.js',
    'package.json',
    'resources/blah-security.svg',
    'resources/icon.png',
    'resources/walkthrough/checklist.md',
    'resources/walkthrough/ci.md',
    'resources/walkthrough/fix-on-save.md',
    'resources/walkthrough/scan.md',
    'syntaxes/nginx.language-configuration.json',
    'syntaxes/nginx.tmLanguage.json',
  ]);
  // Every file a packaged node bundle requires beside itself is in the package too.
  for (const bundle of ['dist/client.js', 'dist/server.js', 'dist/analysis-worker.js']) {
    const required = [...readFileSync(join(repo, bundle), 'utf8').matchAll(/\brequire\("\.\/([^"]+)"\)/g)].map(
      (m) => `dist/${m[1]}`,
    );
    for (const file of new Set(required))
      assert.ok(files.includes(file), `${bundle} requires ${file}, which the package lacks`);
  }
  for (const bundle of ['dist/server.js', 'dist/analysis-worker.js', 'dist/cli-main.js']) {
    const text = readFileSync(join(repo, bundle), 'utf8');
    // The shared compiler is read beside the bundle by the code-cache loader, not bundled.
    assert.ok(
      text.includes('(__dirname, "typescript.js")') && !text.includes('function createSourceFile('),
      `${bundle} loads the shared compiler`,
    );
    assert.ok(
      text.includes('require("./nginx-reference.js")') && !text.includes('ngx_http_core_module.html'),
      `${bundle} requires the shared nginx data instead of carrying it`,
    );
  }
});

it('the package has a node entry and a browser entry, and the web bundles import no node built-ins', () => {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { main: string; browser: string };
  assert.equal(manifest.main, './dist/client.js');
  assert.equal(manifest.browser, './dist/web/client.js');
  for (const bundle of ['client', 'server']) {
    const meta = JSON.parse(readFileSync(join(repo, 'dist', 'web', `${bundle}.meta.json`), 'utf8')) as {
      inputs: Record<string, { imports?: Array<{ path: string; external?: boolean }> }>;
    };
    const offending: string[] = [];
    for (const [input, { imports = [] }] of Object.entries(meta.inputs)) {
      for (const imported of imports) {
        // `(disabled):fs` is a module the package's "browser" field maps to nothing (TypeScript's fs, os…): not imported.
        if (imported.path.startsWith('(disabled):')) continue;
        const name = imported.path.replace(/^node:/, '');
        if (imported.path.startsWith('node:') || builtinModules.includes(name))
          offending.push(`${input} imports ${imported.path}`);
      }
    }
    assert.deepEqual(offending, [], `dist/web/${bundle}.js`);
    assert.ok(Object.keys(meta.inputs).length > 10, 'the metafile lists the inputs');
  }
  // The server is a classic script (VS Code loads it with importScripts), not a module.
  const server = readFileSync(join(repo, 'dist', 'web', 'server.js'), 'utf8');
  assert.match(server.slice(0, 100), /^(?:"use strict";\n)?\(\(\) => \{/, 'an IIFE bundle');
});

it('the CLI and the server main thread initialize without loading the compiler', () => {
  // The main threads hand analysis to a worker; the compiler (9 MB) loads there. A module-level use
  // of `ts` in any rule or helper (a Set of SyntaxKinds built at load) would load it here too.
  const probe = `
    const fs = require('node:fs');
    const read = fs.readFileSync;
    let loaded = false;
    fs.readFileSync = function (path, ...rest) {
      if (String(path).endsWith('typescript.js')) loaded = true;
      return read.call(this, path, ...rest);
    };
    try {
      require(process.argv[1]);
    } catch (error) {
      // The server's entry asks for its streams last, after every module has initialized.
      if (!/Connection input stream is not set/.test(String(error))) throw error;
    }
    process.stdout.write(loaded ? 'loaded' : 'not loaded');
  `;
  for (const bundle of ['dist/cli.js', 'dist/server.js']) {
    const result = spawnSync(process.execPath, ['-e', probe, join(repo, bundle)], { encoding: 'utf8', timeout: 30000 });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'not loaded', `${bundle} loads the compiler at start`);
  }
});
