// What a user gets from the npm package: `npm pack`, installed into an empty project with the
// network off, must run the CLI scanner and the language server from that project, with nothing
// else installed. The commands are the README's ("In CI").
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const repo = join(__dirname, '..');
const windows = process.platform === 'win32';

// An express handler that splices a query parameter into pg's SQL.
const planted = `import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();

app.get('/users', async (req, res) => {
  const id = req.query.id;
  const result = await pool.query('SELECT * FROM users WHERE id = ' + id);
  res.json(result.rows);
});

app.listen(3000);
`;

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

interface SarifLog {
  runs: Array<{
    results: Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
  }>;
}

describe('the npm package, installed in an empty project', { timeout: 300000 }, () => {
  let root: string;
  let project: string;
  let cache: string;
  let packed: PackResult;

  /** The environment of a user's shell: none of the npm_* variables `npm test` sets, a private npm cache, no network. */
  function env(): NodeJS.ProcessEnv {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    return {
      ...clean,
      npm_config_cache: cache,
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      BLAH_SECURITY_CACHE_DIR: '',
    };
  }

  function run(command: 'npm' | 'npx', args: string[], cwd: string): SpawnSyncReturns<string> {
    const result = spawnSync(command, args, { cwd, env: env(), encoding: 'utf8', timeout: 180000, shell: windows });
    assert.ok(result.error === undefined, `${command} ${args.join(' ')}: ${String(result.error)}`);
    return result;
  }

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'blah-install-'));
    cache = join(root, 'npm-cache');
    project = join(root, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    // The bundles `npm test` has just built: the prepack script would rebuild them under the
    // suites that are reading them.
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], repo);
    assert.equal(pack.status, 0, pack.stderr);
    packed = (JSON.parse(pack.stdout) as PackResult[])[0]!;
    const init = run('npm', ['init', '-y'], project);
    assert.equal(init.status, 0, init.stderr);
    const install = run(
      'npm',
      ['install', '--save-dev', '--no-audit', '--no-fund', '--offline', `./${packed.filename}`],
      project,
    );
    assert.equal(install.status, 0, install.stderr);
    writeFileSync(join(project, 'src', 'users.ts'), planted);
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('holds the bins, the bundles they load, the rule pages, the grammar and the schema, and no sources, maps, tests or examples', () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/blah-security.js',
      'bin/blah-security-lsp.js',
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/server.js',
      'dist/analysis-worker.js',
      'dist/typescript.js',
      'dist/nginx-reference.js',
      'dist/blah-security.schema.json',
      'docs/checklist.md',
      'syntaxes/nginx.tmLanguage.json',
      'syntaxes/nginx.language-configuration.json',
    ]) {
      assert.ok(files.includes(file), `the package lacks ${file}`);
    }
    assert.ok(files.filter((f) => f.startsWith('docs/rules/')).length > 80, 'the rule pages');
    // Every file an installed bin or bundle loads beside itself is installed too.
    const installed = join(project, 'node_modules', 'blah-security');
    for (const file of [
      'bin/blah-security.js',
      'bin/blah-security-lsp.js',
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/server.js',
      'dist/analysis-worker.js',
    ]) {
      const text = readFileSync(join(installed, file), 'utf8');
      const dir = file.slice(0, file.lastIndexOf('/'));
      const beside = [...text.matchAll(/\brequire\((["'])(\.{1,2}\/[^"']+)\1\)|\(__dirname, ?"([^"]+)"\)/g)].map((m) =>
        join(dir, m[2] ?? m[3]!).replace(/\\/g, '/'),
      );
      assert.ok(beside.length > 0, `${file} loads a file beside it`);
      for (const required of new Set(beside))
        assert.ok(
          files.includes(required) && existsSync(join(installed, required)),
          `${file} loads ${required}, which the package lacks`,
        );
    }
    const unwanted = files.filter(
      (f) =>
        /\.(?:map|ts|tsx|mjs)$/.test(f) ||
        /^(?:test|examples|server|client|scripts|bench|node_modules)\//.test(f) ||
        f.startsWith('.'),
    );
    assert.deepEqual(unwanted, []);
  });

  it('installs nothing but itself', () => {
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
      private?: boolean;
      dependencies?: Record<string, string>;
      files?: string[];
    };
    assert.equal(manifest.private, undefined, 'a private package cannot be published');
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundles carry their dependencies');
    // vsce refuses a "files" list beside .vscodeignore: .npmignore is the package's allow-list.
    assert.equal(manifest.files, undefined);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(lock.packages).sort(), ['', 'node_modules/blah-security']);
  });

  it('`npx blah-security scan .` reports the spliced SQL and exits 1', () => {
    const result = run('npx', ['blah-security', 'scan', '.'], project);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^src\/users\.ts:9:\d+: error ts\/sql-injection /m);
    // The project's own package.json and lock, and the tarball beside them, add nothing at error level.
    assert.equal(result.stdout.match(/: error /g)?.length, 1, result.stdout);
    const strict = run(
      'npx',
      ['blah-security', 'scan', '.', '--format', 'sarif', '--output', 'blah-security.sarif', '--fail-on', 'warning'],
      project,
    );
    assert.equal(strict.status, 1, strict.stderr);
    const sarif = run(
      'npx',
      ['blah-security', 'scan', '.', '--format', 'sarif', '--output', 'blah-security.sarif'],
      project,
    );
    assert.equal(sarif.status, 1, sarif.stderr);
    const log = JSON.parse(readFileSync(join(project, 'blah-security.sarif'), 'utf8')) as SarifLog;
    const found = log.runs[0]!.results.filter((r) => r.ruleId === 'ts/sql-injection');
    assert.deepEqual(
      found.map((r) => [
        r.locations[0]!.physicalLocation.artifactLocation.uri,
        r.locations[0]!.physicalLocation.region.startLine,
      ]),
      [['src/users.ts', 9]],
    );
  });

  it('`blah-security-lsp --stdio` publishes the diagnostic for the opened file and exits 0 after shutdown', async () => {
    const bin = join(project, 'node_modules', '.bin', windows ? 'blah-security-lsp.cmd' : 'blah-security-lsp');
    const child = spawn(bin, ['--stdio'], {
      cwd: project,
      env: env(),
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: windows,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const uri = pathToFileURL(join(project, 'src', 'users.ts')).href;
    const published = new Promise<PublishDiagnosticsParams>((resolve) => {
      connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        if (params.uri === uri && params.diagnostics.length > 0) resolve(params);
      });
    });
    connection.listen();
    try {
      const rootUri = pathToFileURL(project).href;
      await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'project' }],
        capabilities: {},
      });
      connection.sendNotification('initialized', {});
      connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'typescript', version: 1, text: planted },
      });
      const { diagnostics } = await published;
      const sql = diagnostics.filter((d) => d.code === 'ts/sql-injection');
      assert.equal(sql.length, 1, JSON.stringify(diagnostics));
      assert.equal(sql[0]!.range.start.line, 8);
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
      assert.equal(await exited, 0, stderr);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
