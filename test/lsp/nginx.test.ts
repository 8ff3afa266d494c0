// nginx files through the server: diagnostics, reference docs on hover, completion of the
// directives valid in the block, and the HSTS fix.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

const uri = 'file:///virtual/nginx/nginx.conf';
const text = [
  'events {}',
  'http {',
  '  server_tokens off;',
  '  limit_req_zone $binary_remote_addr zone=app:10m rate=10r/s;',
  '  server {',
  '    listen 443 ssl;',
  '    server_name app.example.com;',
  '    ssl_certificate /etc/ssl/app.pem;',
  '    ssl_certificate_key /etc/ssl/app.key;',
  '    add_header X-Content-Type-Options "nosniff" always;',
  '    add_header X-Frame-Options "DENY" always;',
  '    limit_req zone=app burst=20 nodelay;',
  '    ',
  '    location / {',
  '      proxy_pass http://127.0.0.1:3000;',
  '      proxy_set_header Host $host;',
  '      proxy_set_header X-Real-IP $remote_addr;',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

describe('nginx over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.kill());

  it('publishes diagnostics and applies the HSTS fix', async () => {
    const published = await client.open(uri, 'nginx', text);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['nginx/missing-hsts'],
    );
    const actions = await client.codeActions(uri, published.diagnostics);
    const fix = actions.find((a) => a.title === 'Add Strict-Transport-Security');
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    client.applyEdit(fix.edit!);
    assert.equal(
      client.text(uri).split('\n')[9],
      '    add_header Strict-Transport-Security "max-age=63072000" always;',
    );
    const after = await client.sync(uri);
    assert.deepEqual(after.diagnostics, []);
  });

  it('shows the official reference on hover over proxy_pass', async () => {
    const line = client
      .text(uri)
      .split('\n')
      .findIndex((l) => l.includes('proxy_pass'));
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 8 },
    });
    assert.ok(hover);
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*proxy_pass\*\* · ngx_http_proxy_module/);
    assert.match(value, /Sets the protocol and address of a proxied server/);
    assert.match(value, /\*\*Context:\*\* location, if in location, limit_except/);
  });

  it('completes directive names valid inside server {}', async () => {
    const line = client
      .text(uri)
      .split('\n')
      .findIndex((l) => l.trim() === '');
    const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 4 },
    });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('listen'), 'listen is offered in server');
    assert.ok(labels.includes('location'));
    assert.ok(!labels.includes('http'), 'http is not valid inside server');
    assert.ok(!labels.includes('worker_processes'));
    const listen = items.find((i) => i.label === 'listen')!;
    const resolved: CompletionItem = await client.connection.sendRequest('completionItem/resolve', listen);
    assert.match((resolved.documentation as { value: string }).value, /\*\*listen\*\*/);
  });

  it('reports syntax errors and keeps going', async () => {
    const broken = 'file:///virtual/nginx/broken.conf';
    const published = await client.open(
      broken,
      'nginx',
      'events {}\nhttp {\n  server_tokens off;\n  server_token off;\n',
    );
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['nginx/syntax', 'nginx/unknown-directive']);
    const fixed = await client.change(broken, [
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '}\n' },
    ]);
    assert.deepEqual(
      fixed.diagnostics.map((d) => d.code),
      ['nginx/unknown-directive'],
    );
  });

  it('checks an open file again when a snippet it includes is edited', async () => {
    const snippet = 'file:///virtual/site/proxy.conf';
    const site = 'file:///virtual/site/site.conf';
    await client.open(
      snippet,
      'nginx',
      'proxy_set_header Host $host;\nproxy_set_header X-Real-IP $remote_addr;\nproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\nproxy_set_header X-Forwarded-Proto $scheme;\n',
    );
    const first = await client.open(
      site,
      'nginx',
      'server {\n  listen 127.0.0.1:8080;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n    include proxy.conf;\n  }\n}\n',
    );
    assert.ok(!first.diagnostics.some((d) => d.code === 'nginx/missing-proxy-headers'), 'the snippet sets them');
    const republished = client.waitForDiagnostics(site, (p) =>
      p.diagnostics.some((d) => d.code === 'nginx/missing-proxy-headers'),
    );
    // The snippet loses its headers: the file that includes it is decided again without an edit of its own.
    await client.change(snippet, [
      { range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, text: '' },
    ]);
    await republished;
  });
});
