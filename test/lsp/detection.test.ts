// The language server decides nginx files by content as the CLI does (whatever language id the
// editor gave a *.conf), and applies nested .blah-security.json files per document and in the
// workspace scan.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../helpers/lspClient';

const vhost = 'server {\n  listen 80;\n  autoindex on;\n  location / { root /srv/www; }\n}\n';
const password = "export const password = 'SuperSecret123!';\n";
const files: Record<string, string> = {
  'deploy/site.conf': vhost,
  'sites-enabled/shop.example.org': vhost,
  'supervisor/worker.conf': '[program:worker]\ncommand=/usr/bin/node worker.js\n',
  '.blah-security.json': '{ "rules": { "secret/hardcoded-password": "off" } }\n',
  'web/a.ts': password,
  'svc/.blah-security.json': '{ "rules": { "secret/hardcoded-password": "error" }, "ignore": ["legacy/"] }\n',
  'svc/b.ts': password,
  'svc/legacy/c.ts': password,
};

describe('language detection and nested configuration in the server', () => {
  let root: string;
  let client: LspTestClient;
  const uri = (path: string): string => pathToFileURL(join(root, path)).href;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'blah-lsp-detect-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    client = await LspTestClient.start({ rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  const codes = (p: { diagnostics: Array<{ code?: string | number; severity?: number }> }): string[] =>
    p.diagnostics.map((d) => `${String(d.code)}:${d.severity}`);

  it('analyzes a .conf the editor calls properties when its content is nginx, and nothing else', async () => {
    assert.ok(codes(await client.open(uri('deploy/site.conf'), 'properties', vhost)).includes('nginx/autoindex:2'));
    assert.deepEqual(
      codes(await client.open(uri('supervisor/worker.conf'), 'properties', files['supervisor/worker.conf'])),
      [],
    );
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uri('deploy/site.conf') },
      position: { line: 1, character: 3 },
    })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /listen/, 'the nginx reference hover works there too');
  });

  it('publishes findings of nginx files the workspace scan finds by content', async () => {
    const target = uri('sites-enabled/shop.example.org');
    const published =
      client.published.find((p) => p.uri === target && p.diagnostics.length > 0) ??
      (await client.waitForDiagnostics(target, (p) => p.diagnostics.length > 0, 20000));
    assert.ok(codes(published).includes('nginx/autoindex:2'));
  });

  it('applies the nearest .blah-security.json merged with those above it', async () => {
    assert.deepEqual(codes(await client.open(uri('web/a.ts'), 'typescript', password)), []);
    assert.deepEqual(codes(await client.open(uri('svc/b.ts'), 'typescript', password)), [
      'secret/hardcoded-password:1',
    ]);
    assert.deepEqual(codes(await client.open(uri('svc/legacy/c.ts'), 'typescript', password)), []);
  });
});
