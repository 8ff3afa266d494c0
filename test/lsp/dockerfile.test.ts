// Dockerfiles through the server: diagnostics, the root-user fix, and the .dockerignore fix that
// edits another file through a workspace edit.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient, messageText } from '../helpers/lspClient';

describe('Dockerfiles over stdio', () => {
  let client: LspTestClient;
  const folder = mkdtempSync(join(tmpdir(), 'blah-docker-'));
  before(async () => {
    client = await LspTestClient.start({ rootUri: pathToFileURL(folder).href });
  });
  after(() => {
    client.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('flags a root container and applies the root-user fix for its base image', async () => {
    const uri = pathToFileURL(join(folder, 'Dockerfile')).href;
    const text = [
      'FROM node:20.18-alpine',
      'WORKDIR /app',
      'COPY dist ./dist',
      'HEALTHCHECK CMD ["node", "health.js"]',
      'CMD ["node", "dist/server.js"]',
      '',
    ].join('\n');
    const published = await client.open(uri, 'dockerfile', text);
    const root = published.diagnostics.filter((d) => d.code === 'docker/root-user');
    assert.equal(root.length, 1);
    assert.equal(root[0].range.start.line, 0);
    const actions = await client.codeActions(uri, root);
    assert.deepEqual(
      actions.filter((a) => a.kind === 'quickfix').map((a) => a.title),
      [
        'Run as the node image\u2019s node user',
        'Create appuser (Alpine) and switch to it',
        'Show documentation for docker/root-user',
        'Ignore docker/root-user on this line',
        'Disable docker/root-user for this project',
      ],
    );
    const alpine = actions.find((a) => a.title === 'Create appuser (Alpine) and switch to it')!;
    client.applyEdit(alpine.edit!);
    assert.equal(
      client.text(uri),
      [
        'FROM node:20.18-alpine',
        'WORKDIR /app',
        'COPY dist ./dist',
        'HEALTHCHECK CMD ["node", "health.js"]',
        '# Create a non-root user',
        'RUN addgroup -g 1001 -S appuser && \\',
        '    adduser -u 1001 -S appuser -G appuser',
        '',
        '# Switch to non-root user',
        'USER appuser',
        '',
        'CMD ["node", "dist/server.js"]',
        '',
      ].join('\n'),
    );
    const after = await client.sync(uri);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      [],
    );
  });

  it('reads .dockerignore beside the Dockerfile and offers to complete it', async () => {
    const sub = join(folder, 'service');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, '.dockerignore'), 'node_modules\n');
    const uri = pathToFileURL(join(sub, 'Dockerfile')).href;
    const text = [
      'FROM node:20.18-alpine',
      'COPY . .',
      'USER node',
      'HEALTHCHECK CMD ["node", "health.js"]',
      'CMD ["node", "server.js"]',
      '',
    ].join('\n');
    const published = await client.open(uri, 'dockerfile', text);
    const copies = published.diagnostics.filter((d) => d.code === 'docker/copies-secrets');
    assert.equal(copies.length, 1);
    const actions = await client.codeActions(uri, copies);
    const fix = actions.find((a) => a.title.startsWith('Add .env'));
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const others = client.applyEdit(fix.edit!);
    const ignoreUri = pathToFileURL(join(sub, '.dockerignore')).href;
    assert.equal(
      others.get(ignoreUri),
      '.env\n.env.*\n*.pem\n*.key\n',
      'the missing patterns are appended to the existing file',
    );

    // Once .dockerignore excludes them, a file-change notification clears the finding.
    writeFileSync(join(sub, '.dockerignore'), 'node_modules\n.env\n.env.*\n*.pem\n*.key\n');
    const cleared = client.waitForDiagnostics(uri, (p) =>
      p.diagnostics.every((d) => d.code !== 'docker/copies-secrets'),
    );
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ignoreUri, type: 2 }] });
    await cleared;
  });

  it('creates .dockerignore when there is none', async () => {
    const sub = join(folder, 'bare');
    mkdirSync(sub, { recursive: true });
    const uri = pathToFileURL(join(sub, 'Dockerfile')).href;
    const published = await client.open(
      uri,
      'dockerfile',
      'FROM node:20.18-alpine\nCOPY . .\nUSER node\nHEALTHCHECK NONE\n',
    );
    const copies = published.diagnostics.filter((d) => d.code === 'docker/copies-secrets');
    const actions = await client.codeActions(uri, copies);
    const fix = actions.find((a) => a.title.startsWith('Add .env'))!;
    const changes = fix.edit!.documentChanges!;
    assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri.endsWith('/bare/.dockerignore')));
  });

  it('honours # suppression comments', async () => {
    const uri = pathToFileURL(join(folder, 'suppressed.Dockerfile')).href;
    const published = await client.open(
      uri,
      'dockerfile',
      '# blah-security-ignore-next-line docker/latest-tag, docker/missing-healthcheck\nFROM node:latest\nUSER node\n',
    );
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code !== undefined).map((d) => d.code),
      [],
    );
    // docker/missing-healthcheck has nothing to say on that line: that id is reported unused.
    assert.deepEqual(
      published.diagnostics.map((d) => messageText(d)),
      ['Unused suppression: no docker/missing-healthcheck finding on line 2 to suppress.'],
    );
  });
});
