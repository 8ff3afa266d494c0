// The settings that shape what the editor shows (severity patterns, exclude, minimumSeverity,
// run) and what the server says about itself (serverInfo, its log, the rule list).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, InitializeResult } from 'vscode-languageserver-protocol';
import { parseProjectConfig, resolveConfig, rulePatternMatches } from '../../server/src/core/config';
import { allRules, ruleIds } from '../../server/src/rules';
import { LspTestClient, serverPath } from '../helpers/lspClient';
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const repo = join(__dirname, '..', '..');
const packageVersion = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;

/** An error (ts/sql-injection), a warning (crypto/insecure-random) and an info (ts/http-server). */
const source = [
  "import http from 'node:http';",
  'export function find(db: { query(s: string): void }, id: string) {',
  '  db.query(`SELECT * FROM users WHERE id = ${id}`);',
  '}',
  'export const token = Math.random().toString(36);',
  'http.createServer(() => undefined).listen(3000);',
  '',
].join('\n');

const severityName = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

/** `ruleId:severity` of each finding diagnostic, sorted. */
function shown(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => typeof d.code === 'string')
    .map((d) => `${String(d.code)}:${severityName[d.severity ?? 1]}`)
    .sort();
}

describe('rule severity patterns', () => {
  it('match ids with * standing for any characters, / included', () => {
    assert.ok(rulePatternMatches('ts/*', 'ts/sql-injection'));
    assert.ok(rulePatternMatches('*', 'nginx/autoindex'));
    assert.ok(rulePatternMatches('*/sql-*', 'ts/sql-injection'));
    assert.ok(rulePatternMatches('ts/*-injection', 'ts/sql-injection'));
    assert.ok(!rulePatternMatches('ts/*', 'secret/env-fallback'));
    assert.ok(!rulePatternMatches('ts/*-injection', 'ts/injection'));
    assert.ok(!rulePatternMatches('*a*a*a*a*b', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'));
  });

  it('give way to exact ids, longer patterns win over shorter ones, settings over the file on a tie', () => {
    const file = parseProjectConfig(
      JSON.stringify({ rules: { '*': 'info', 'ts/sql-injection': 'off', 'nginx/*': 'error' } }),
      ruleIds,
    );
    assert.deepEqual(file.problems, []);
    const config = resolveConfig(file.config, { rules: { 'ts/*': 'warning', 'nginx/*': 'off' } }, ruleIds);
    assert.equal(
      config.severities['ts/sql-injection'],
      'off',
      'the exact id in the file wins over a pattern of the settings',
    );
    assert.equal(config.severities['ts/ssrf'], 'warning', 'ts/* is longer than *');
    assert.equal(config.severities['docker/root-user'], 'info', '* applies where nothing longer does');
    assert.equal(config.severities['nginx/autoindex'], 'off', 'settings win on the same pattern');
    for (const id of ruleIds) assert.ok(config.severities[id], `${id} has a severity`);
  });

  it('in .blah-security.json: a pattern that names rules is valid, one that names none is reported', () => {
    const { problems, config } = parseProjectConfig(
      JSON.stringify({ rules: { 'docker/*': 'off', 'dockr/*': 'off', 'ts/sql-injektion': 'off' } }),
      ruleIds,
    );
    assert.deepEqual(
      problems.map((p) => p.message),
      ['The pattern "dockr/*" matches no rule.', 'Unknown rule "ts/sql-injektion". Did you mean "ts/sql-injection"?'],
    );
    assert.equal(config.rules['docker/*'], 'off');
  });
});

describe('settings in the editor', () => {
  it('blahSecurity.rules patterns change severities, exact ids win', async () => {
    const client = await LspTestClient.start({
      settings: { rules: { '*': 'info', 'ts/*': 'warning', 'ts/sql-injection': 'error' } },
    });
    try {
      const published = await client.open('file:///virtual/patterns.ts', 'typescript', source);
      assert.deepEqual(shown(published.diagnostics), [
        'crypto/insecure-random:info',
        'ts/http-server:warning',
        'ts/sql-injection:error',
      ]);
    } finally {
      client.kill();
    }
  });

  it('reports a pattern of blahSecurity.rules that matches no rule, never a valid one', async () => {
    const client = await LspTestClient.start({ settings: { rules: { 'ts/*': 'warning', 'tss/*': 'off' } } });
    try {
      const messages: string[] = [];
      client.connection.onNotification('window/showMessage', (params: { message: string }) => {
        messages.push(params.message);
      });
      await client.open('file:///virtual/pattern-warning.ts', 'typescript', source);
      await client.waitForLog('matches no rule');
      assert.deepEqual(messages, [
        'The pattern "tss/*" in the blahSecurity.rules setting matches no rule; it has no effect.',
      ]);
      assert.equal(client.logged('"ts/*"'), 0);
    } finally {
      client.kill();
    }
  });

  it('minimumSeverity hides findings below it', async () => {
    const client = await LspTestClient.start({ settings: { minimumSeverity: 'warning' } });
    try {
      const published = await client.open('file:///virtual/minimum.ts', 'typescript', source);
      assert.deepEqual(shown(published.diagnostics), ['crypto/insecure-random:warning', 'ts/sql-injection:error']);
      client.settings = { ...client.settings, minimumSeverity: 'error' };
      const again = client.waitForDiagnostics('file:///virtual/minimum.ts', (p) =>
        p.diagnostics.every((d) => d.code !== 'crypto/insecure-random'),
      );
      client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      assert.deepEqual(shown((await again).diagnostics), ['ts/sql-injection:error']);
    } finally {
      client.kill();
    }
  });

  it('run: onSave analyzes when a document is opened and saved, not as it is typed', async () => {
    const client = await LspTestClient.start({ settings: { run: 'onSave' }, initializationOptions: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/on-save.ts';
      const opened = await client.open(uri, 'typescript', 'export const a = 1;\n');
      assert.deepEqual(shown(opened.diagnostics), []);
      const before = client.published.length;
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: source }],
      });
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(client.published.length, before, 'nothing analyzed while typing');
      const saved = client.waitForDiagnostics(uri, (p) => p.version === 2);
      client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      assert.deepEqual(shown((await saved).diagnostics), [
        'crypto/insecure-random:warning',
        'ts/http-server:info',
        'ts/sql-injection:error',
      ]);
    } finally {
      client.kill();
    }
  });
});

describe('blahSecurity.exclude', () => {
  let root: string;
  let client: LspTestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'blah-exclude-'));
    writeFileSync(join(root, 'kept.ts'), source);
    writeFileSync(join(root, 'generated.ts'), source);
    client = await LspTestClient.start({
      rootUri: pathToFileURL(root).href,
      settings: { exclude: ['generated.ts', '**/vendor/**'] },
    });
  });
  after(() => {
    client.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes nothing for an excluded file and leaves it out of the workspace scan', async () => {
    const excluded = await client.open(pathToFileURL(join(root, 'generated.ts')).href, 'typescript', source);
    assert.deepEqual(excluded.diagnostics, []);
    const vendored = await client.open(pathToFileURL(join(root, 'lib', 'vendor', 'x.ts')).href, 'typescript', source);
    assert.deepEqual(vendored.diagnostics, []);
    // The scan analyzes kept.ts from disk (and publishes its findings); generated.ts is not in it.
    const kept = client.waitForDiagnostics(pathToFileURL(join(root, 'kept.ts')).href, (p) =>
      p.diagnostics.some((d) => d.code === 'ts/sql-injection'),
    );
    const result = await client.connection.sendRequest<{ files: number }>('blahSecurity/scanWorkspace');
    assert.equal(result.files, 1, 'kept.ts only');
    await kept;
    await client.waitForLog('Workspace scan (all): 1 file analyzed');
    const excludedUri = pathToFileURL(join(root, 'generated.ts')).href;
    assert.ok(
      client.published.filter((p) => p.uri === excludedUri).every((p) => p.diagnostics.length === 0),
      'never a diagnostic for the excluded file',
    );
  });
});

describe('what the server says about itself', () => {
  it('gives its name and the package version at initialize', async () => {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    try {
      const result = await connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      assert.deepEqual(result.serverInfo, { name: 'blah-security-lsp', version: packageVersion });
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('logs its version, folders and a settings summary at start-up, scan summaries and configuration problems', async () => {
    const root = mkdtempSync(join(tmpdir(), 'blah-log-'));
    const secretText = 'sk_live_' + 'a'.repeat(24);
    writeFileSync(join(root, 'a.ts'), `export const key = '${secretText}';\n`);
    writeFileSync(join(root, '.blah-security.json'), JSON.stringify({ rules: { 'ts/sql-injektion': 'off' } }));
    const client = await LspTestClient.start({
      rootUri: pathToFileURL(root).href,
      settings: { rules: { 'ts/*': 'warning' }, exclude: ['dist/**'], run: 'onSave' },
    });
    try {
      await client.waitForLog(`BLAH Security language server ${packageVersion} started (${allRules.length} rules)`);
      await client.waitForLog(`workspace folders: ${pathToFileURL(root).href}`);
      await client.waitForLog(
        'Settings: enable true, 1 rule override, 1 exclude pattern, minimumSeverity info, run onSave, workspaceScan true, reportUnusedSuppressions true.',
      );
      await client.waitForLog('Workspace scan (all): 1 file analyzed in 1 folder in ');
      await client.waitForLog(
        '1 problem in .blah-security.json: Unknown rule "ts/sql-injektion". Did you mean "ts/sql-injection"?',
      );
      assert.equal(client.logged(secretText), 0, 'no document text in the log');
      assert.equal(client.logged('sk_live_'), 0);
    } finally {
      client.kill();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('lists every rule of the registry with title, severity and checklist item', async () => {
    const client = await LspTestClient.start();
    try {
      const rules =
        await client.connection.sendRequest<
          Array<{ id: string; title: string; severity: string; checklistItem?: string }>
        >('blahSecurity/rules');
      assert.deepEqual(
        rules.map((r) => r.id),
        [...ruleIds].sort(),
      );
      const sql = rules.find((r) => r.id === 'ts/sql-injection');
      const rule = allRules.find((r) => r.id === 'ts/sql-injection')!;
      assert.deepEqual(sql, {
        id: 'ts/sql-injection',
        title: rule.meta.title,
        severity: rule.meta.severity,
        checklistItem: rule.meta.checklistItem,
      });
    } finally {
      client.kill();
    }
  });
});
