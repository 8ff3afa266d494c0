// A rule that never returns (injected for this test) must not block the server: the editor keeps
// getting answers, the rule is found, disabled for the session and reported once, and the other
// rules' diagnostics still arrive.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lspClient';

it('a hanging rule is stopped, named, disabled, and the other rules still report', { timeout: 120000 }, async () => {
  process.env.BLAH_SECURITY_EXTRA_RULES = join(__dirname, 'fixtures', 'hanging-rule.cjs');
  const client = await LspTestClient.start();
  delete process.env.BLAH_SECURITY_EXTRA_RULES;
  try {
    const uri = 'file:///virtual/hang.ts';
    const waiting = client.waitForDiagnostics(uri, () => true, 60000);
    const text = "// hang here\nconst apiKey = 'sk-1234567890abcdef';\n";
    client.documents.set(uri, TextDocument.create(uri, 'typescript', 1, text));
    client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text },
    });
    // While the rule spins in the worker, the server still answers the editor at once.
    const started = Date.now();
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///virtual/other.ts' }, position: { line: 0, character: 0 } });
    assert.ok(Date.now() - started < 1000, `hover took ${Date.now() - started} ms while a rule hung`);
    const published = await waiting;
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['secret/hardcoded-credential']);
    assert.ok(client.logs.some((l) => l.includes('Rule test/hangs did not finish within its time budget and is disabled for this session')), client.logs.join('\n'));
    // Disabled for the session: the next change is analyzed promptly.
    const quick = Date.now();
    const next = await client.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: "const password = 'SuperSecret123!';\n" }]);
    assert.ok(Date.now() - quick < 3000);
    assert.deepEqual(next.diagnostics.map((d) => d.code).sort(), ['secret/hardcoded-credential', 'secret/hardcoded-password']);
  } finally {
    client.kill();
  }
});

it('a newer version cancels a long analysis of the old one', { timeout: 120000 }, async () => {
  process.env.BLAH_SECURITY_EXTRA_RULES = join(__dirname, 'fixtures', 'hanging-rule.cjs');
  const client = await LspTestClient.start();
  delete process.env.BLAH_SECURITY_EXTRA_RULES;
  try {
    const uri = 'file:///virtual/cancel-old.ts';
    const text = "// hang here\nconst apiKey = 'sk-1234567890abcdef';\n";
    client.documents.set(uri, TextDocument.create(uri, 'typescript', 1, text));
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    // Let version 1 run (and hang) for a moment, then replace the text.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const started = Date.now();
    const published = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    const elapsed = Date.now() - started;
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['secret/hardcoded-credential']);
    // Well under the 5 s watchdog: the stale run was stopped, not waited for.
    assert.ok(elapsed < 4000, `version 2 took ${elapsed} ms`);
    assert.ok(!client.logs.some((l) => l.includes('disabled for this session')), 'a cancelled run does not disable the rule');
  } finally {
    client.kill();
  }
});
