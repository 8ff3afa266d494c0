// Clients that do less than VS Code: one that refuses every request the server makes, one that
// declares no optional capability at all, and one that behaves as Eglot 1.9 does (one language id
// for every document of a server, a glob parser without patterns inside braces, a warning for any
// registration it does not know). Property: the server never exits because of what a client
// refuses or lacks, still publishes diagnostics for every language, and says once what it carries
// on without; with Eglot 1.9 it carries on without nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { ClientCapabilities, Registration } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

/** What Eglot 1.9 (Emacs 28) declares, as its events buffer shows it. */
const eglot19: ClientCapabilities = {
  workspace: {
    applyEdit: true,
    executeCommand: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    symbol: { dynamicRegistration: false },
    configuration: true,
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, willSave: true, willSaveWaitUntil: true, didSave: true },
    hover: { dynamicRegistration: false, contentFormat: ['plaintext'] },
    codeAction: {
      dynamicRegistration: false,
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ['quickfix', 'refactor', 'source', 'source.organizeImports'] },
      },
      isPreferredSupport: true,
    },
    publishDiagnostics: { relatedInformation: false, codeDescriptionSupport: false, tagSupport: { valueSet: [1, 2] } },
  },
};

/**
 * A glob as Eglot 1.9 reads it: `**`, `*`, `?`, `[…]` and brace groups of plain names; anything
 * else in braces (`{*.env,.env}`) is an error, which fails the whole registration.
 */
function eglotGlob(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) throw new Error(`Glob '${glob}' invalid at ${i}`);
      source += glob.slice(i, end + 1);
      i = end;
    } else if (char === '{') {
      const end = glob.indexOf('}', i);
      const names = end < 0 ? [] : glob.slice(i + 1, end).split(',');
      if (names.length === 0 || names.some((name) => name === '' || /[*?[{]/.test(name)))
        throw new Error(`Glob '${glob}' invalid at ${i}`);
      source += `(?:${names.map((name) => name.replace(/[.+^$()|\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else source += char.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Eglot 1.9's answer to a registration: watchers whose globs it parses, a warning for anything else. */
function asEglot19(warnings: string[]): (registration: Registration) => void {
  return (registration) => {
    if (registration.method !== 'workspace/didChangeWatchedFiles') {
      warnings.push(`Server tried to register unsupported capability \`${registration.method}'`);
      return;
    }
    const { watchers } = registration.registerOptions as { watchers: Array<{ globPattern: string }> };
    for (const watcher of watchers) eglotGlob(watcher.globPattern);
  };
}

const typescript =
  "import express from 'express';\nconst app = express();\napp.get('/u', (req, res) => db.query(`SELECT * FROM users WHERE id = ${req.query.id}`));\n";
const dockerfile = 'FROM node:20.11-alpine\nCOPY . /app\nCMD ["node", "/app/index.js"]\n';
const nginx = 'http {\n  server {\n    listen 80;\n    autoindex on;\n    location / { root /srv/www; }\n  }\n}\n';

const everything: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
  },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

function project(): { folder: string; uri: (name: string) => string } {
  const folder = mkdtempSync(join(tmpdir(), 'blah-clients-'));
  writeFileSync(join(folder, 'server.ts'), typescript);
  writeFileSync(join(folder, 'Dockerfile'), dockerfile);
  writeFileSync(join(folder, 'nginx.conf'), nginx);
  writeFileSync(
    join(folder, 'closed.ts'),
    "const { exec } = require('child_process');\nexports.run = (req) => exec('ls ' + req.query.dir);\n",
  );
  return { folder, uri: (name) => pathToFileURL(join(folder, name)).href };
}

const codesOf = (published: { diagnostics: Array<{ code?: string | number }> }): string[] =>
  published.diagnostics.map((d) => String(d.code));

async function assertEveryLanguage(client: LspTestClient, uri: (name: string) => string): Promise<void> {
  assert.ok(codesOf(await client.open(uri('server.ts'), 'typescript', typescript)).includes('ts/sql-injection'));
  assert.ok(codesOf(await client.open(uri('Dockerfile'), 'dockerfile', dockerfile)).includes('docker/root-user'));
  assert.ok(codesOf(await client.open(uri('nginx.conf'), 'nginx', nginx)).includes('nginx/autoindex'));
  // Still answering requests, not only notifications.
  const hover = await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uri('nginx.conf') },
    position: { line: 3, character: 6 },
  });
  assert.ok(hover, 'the server answers a hover');
}

describe('clients that refuse or lack features', () => {
  const folders: string[] = [];
  after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

  it('survive a client that refuses every request, and fall back to re-scanning on save', async () => {
    const { folder, uri } = project();
    folders.push(folder);
    const client = await LspTestClient.start({
      rootUri: pathToFileURL(folder).href,
      capabilities: everything,
      refuseServerRequests: true,
    });
    try {
      // The background scan publishes the closed file's finding.
      const closed = await client.waitForDiagnostics(uri('closed.ts'), (p) => p.diagnostics.length > 0, 20000);
      assert.ok(codesOf(closed).includes('ts/command-injection'));
      await assertEveryLanguage(client, uri);
      assert.ok(client.refusedRequests.includes('client/registerCapability'), client.refusedRequests.join(', '));
      const warned = client.logs.filter((l) => l.includes('File watching is not available'));
      assert.equal(warned.length, 1, client.logs.join('\n'));
      // No watcher: a change on disk is picked up when a document is saved.
      writeFileSync(
        join(folder, 'closed.ts'),
        "const { execFile } = require('child_process');\nexports.run = (req) => execFile('ls', ['--', String(req.query.dir)]);\n",
      );
      const cleared = client.waitForDiagnostics(
        uri('closed.ts'),
        (p) => !codesOf(p).includes('ts/command-injection'),
        20000,
      );
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

  it('serve Eglot 1.9: every language under one language id, files watched, nothing to warn about', async () => {
    const { folder, uri } = project();
    folders.push(folder);
    const warnings: string[] = [];
    const client = await LspTestClient.start({
      rootUri: pathToFileURL(folder).href,
      capabilities: eglot19,
      onRegister: asEglot19(warnings),
    });
    try {
      // Eglot 1.9 gives every buffer of a server the language id of the one that started it.
      assert.ok(codesOf(await client.open(uri('server.ts'), 'typescript', typescript)).includes('ts/sql-injection'));
      const docker = await client.open(uri('Dockerfile'), 'typescript', dockerfile);
      assert.ok(codesOf(docker).includes('docker/root-user'), codesOf(docker).join(', '));
      assert.ok(codesOf(await client.open(uri('nginx.conf'), 'typescript', nginx)).includes('nginx/autoindex'));
      // The same with a server started from a Dockerfile buffer.
      writeFileSync(join(folder, 'other.ts'), typescript);
      assert.ok(codesOf(await client.open(uri('other.ts'), 'dockerfile', typescript)).includes('ts/sql-injection'));
      // "Ignore on this line" comments a Dockerfile with #, whatever the id said.
      const actions = await client.codeActions(
        uri('Dockerfile'),
        docker.diagnostics.filter((d) => d.code === 'docker/root-user'),
      );
      const ignore = actions.find((a) => a.title.startsWith('Ignore docker/root-user'));
      const inserted = Object.values(ignore?.edit?.changes ?? {})
        .flat()
        .map((e) => e.newText);
      assert.match(inserted.join(''), /^# blah-security-ignore-next-line docker\/root-user/, inserted.join(''));
      // The watcher registration was accepted: no fallback, and no warning shown to the user.
      assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
      assert.deepEqual(warnings, []);
      assert.ok(!client.logs.some((l) => /not available|unhandled|Internal error/i.test(l)), client.logs.join('\n'));
      assert.equal(await client.shutdown(), 0);
    } finally {
      if (client.process.exitCode === null) client.kill();
    }
  });

  it('watch every kind of file the workspace analysis reads, in globs every client parses', async () => {
    const { folder } = project();
    folders.push(folder);
    const client = await LspTestClient.start({ rootUri: pathToFileURL(folder).href, capabilities: everything });
    try {
      const deadline = Date.now() + 10000;
      while (!client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const registration = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      const { watchers } = (registration?.registerOptions ?? { watchers: [] }) as {
        watchers: Array<{ globPattern: string }>;
      };
      const globs = watchers.map((w) => eglotGlob(w.globPattern));
      const watched = [
        'src/a.ts',
        'a.mjs',
        'Dockerfile',
        'api.Dockerfile',
        'Dockerfile.prod',
        'Dockerfile-dev',
        'Dockerfile_prod',
        'Containerfile',
        'Containerfile.dev',
        'nginx.conf',
        'deploy/site.conf.template',
        'sites-enabled/default',
        '.gitignore',
        '.env',
        '.env.local',
        'prod.env',
        'package.json',
        'pnpm-lock.yaml',
        'certs/server.key',
        'tls.pem',
        '.ssh/id_ed25519',
        '.github/workflows/ci.yml',
        '.gitlab-ci.yml',
        '.blah-security.json',
        '.dockerignore',
        'api.Dockerfile.dockerignore',
      ];
      assert.deepEqual(
        watched.filter((path) => !globs.some((glob) => glob.test(path))),
        [],
      );
      assert.ok(!globs.some((glob) => glob.test('README.md')));
      assert.equal(await client.shutdown(), 0);
    } finally {
      if (client.process.exitCode === null) client.kill();
    }
  });
});
