// Clients that do less than VS Code: one that refuses every request the server makes (Eglot 1.9
// answers the file-watcher registration with an error) and one that declares no optional
// capability at all. Property: the server never exits because of what a client refuses or lacks,
// still publishes diagnostics for every language, and says once what it carries on without.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

const typescript = "import express from 'express';\nconst app = express();\napp.get('/u', (req, res) => db.query(`SELECT * FROM users WHERE id = ${req.query.id}`));\n";
const dockerfile = 'FROM node:20.11-alpine\nCOPY . /app\nCMD ["node", "/app/index.js"]\n';
const nginx = 'http {\n  server {\n    listen 80;\n    autoindex on;\n    location / { root /srv/www; }\n  }\n}\n';

const everything: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

function project(): { folder: string; uri: (name: string) => string } {
  const folder = mkdtempSync(join(tmpdir(), 'blah-clients-'));
  writeFileSync(join(folder, 'server.ts'), typescript);
  writeFileSync(join(folder, 'Dockerfile'), dockerfile);
  writeFileSync(join(folder, 'nginx.conf'), nginx);
  writeFileSync(join(folder, 'closed.ts'), "const { exec } = require('child_process');\nexports.run = (req) => exec('ls ' + req.query.dir);\n");
  return { folder, uri: (name) => pathToFileURL(join(folder, name)).href };
}

const codesOf = (published: { diagnostics: Array<{ code?: string | number }> }): string[] => published.diagnostics.map((d) => String(d.code));

async function assertEveryLanguage(client: LspTestClient, uri: (name: string) => string): Promise<void> {
  assert.ok(codesOf(await client.open(uri('server.ts'), 'typescript', typescript)).includes('ts/sql-injection'));
  assert.ok(codesOf(await client.open(uri('Dockerfile'), 'dockerfile', dockerfile)).includes('docker/root-user'));
  assert.ok(codesOf(await client.open(uri('nginx.conf'), 'nginx', nginx)).includes('nginx/autoindex'));
  // Still answering requests, not only notifications.
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri('nginx.conf') }, position: { line: 3, character: 6 } });
  assert.ok(hover, 'the server answers a hover');
}

describe('clients that refuse or lack features', () => {
  const folders: string[] = [];
  after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

  it('survive a client that refuses every request, and fall back to re-scanning on save', async () => {
    const { folder, uri } = project();
    folders.push(folder);
    const client = await LspTestClient.start({ rootUri: pathToFileURL(folder).href, capabilities: everything, refuseServerRequests: true });
    try {
      // The background scan publishes the closed file's finding.
      const closed = await client.waitForDiagnostics(uri('closed.ts'), (p) => p.diagnostics.length > 0, 20000);
      assert.ok(codesOf(closed).includes('ts/command-injection'));
      await assertEveryLanguage(client, uri);
      assert.ok(client.refusedRequests.includes('client/registerCapability'), client.refusedRequests.join(', '));
      const warned = client.logs.filter((l) => l.includes('File watching is not available'));
      assert.equal(warned.length, 1, client.logs.join('\n'));
      // No watcher: a change on disk is picked up when a document is saved.
      writeFileSync(join(folder, 'closed.ts'), "const { execFile } = require('child_process');\nexports.run = (req) => execFile('ls', ['--', String(req.query.dir)]);\n");
      const cleared = client.waitForDiagnostics(uri('closed.ts'), (p) => !codesOf(p).includes('ts/command-injection'), 20000);
      client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: uri('server.ts') } });
      await cleared;
      assert.equal(client.process.exitCode, null, 'the server is still running');
      assert.equal(await client.shutdown(), 0);
    } finally {
      if (client.process.exitCode === null) client.kill();
    }
  });

  it('serve a client that declares no optional capability at all', async () => {
    const { folder, uri } = project();
    folders.push(folder);
    const client = await LspTestClient.start({ rootUri: pathToFileURL(folder).href, capabilities: {} });
    try {
      await assertEveryLanguage(client, uri);
      assert.ok(!client.logs.some((l) => /unhandled|Internal error/i.test(l)), client.logs.join('\n'));
      assert.equal(await client.shutdown(), 0);
    } finally {
      if (client.process.exitCode === null) client.kill();
    }
  });
});
