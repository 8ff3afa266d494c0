// No network and no code execution: the CLI and the language server run over the example
// projects with eval-like code generation disabled and with network and process APIs that
// throw (test/security/deny-network-and-exec.cjs). Both must work normally.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const repo = join(__dirname, '..', '..');
const flags = ['--disallow-code-generation-from-strings', '--require', join(__dirname, 'deny-network-and-exec.cjs')];

describe('no network, no code execution', () => {
  it('the CLI scans the examples', () => {
    const result = spawnSync(
      process.execPath,
      [...flags, join(repo, 'dist', 'cli.js'), 'scan', 'examples', '--format', 'json'],
      { cwd: repo, encoding: 'utf8' },
    );
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!result.stderr.includes('BLOCKED'), result.stderr);
    const report = JSON.parse(result.stdout) as { summary: { files: number; error: number } };
    assert.ok(report.summary.files >= 15 && report.summary.error > 0);
  });

  it('the language server analyzes every kind of file', async () => {
    const child = spawn(process.execPath, [...flags, join(repo, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const published = new Map<string, PublishDiagnosticsParams>();
    const waiting = new Map<string, () => void>();
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.set(p.uri, p);
      waiting.get(p.uri)?.();
    });
    connection.listen();
    try {
      const root = join(repo, 'examples', 'insecure-mcp-server');
      await connection.sendRequest('initialize', {
        processId: null,
        rootUri: pathToFileURL(root).href,
        capabilities: {},
      });
      connection.sendNotification('initialized', {});
      for (const [file, languageId] of [
        ['src/server.ts', 'typescript'],
        ['Dockerfile', 'dockerfile'],
        ['nginx.conf', 'nginx'],
      ] as const) {
        const uri = pathToFileURL(join(root, file)).href;
        const arrived = new Promise<void>((resolve) => waiting.set(uri, resolve));
        connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId, version: 1, text: readFileSync(join(root, file), 'utf8') },
        });
        await arrived;
        assert.ok(published.get(uri)!.diagnostics.length > 0, `${file} has diagnostics`);
      }
      await connection.sendRequest('textDocument/hover', {
        textDocument: { uri: pathToFileURL(join(root, 'nginx.conf')).href },
        position: { line: 10, character: 8 },
      });
      assert.ok(!stderr.includes('BLOCKED'), stderr);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
