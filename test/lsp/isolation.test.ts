// A rule that never returns (injected for this test) must not block the server: the editor keeps
// getting answers, the rule is found, skipped for that document (a diagnostic there says so) but
// never for the other files, and the other rules' diagnostics still arrive. The rule says on stderr when it starts spinning
// (fixtures/hanging-rule.cjs): the tests wait on that, not on the clock.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lspClient';

const STARTED = 'test/hangs: started';

async function startWithHangingRule(): Promise<LspTestClient> {
  return LspTestClient.start({
    env: { ...process.env, BLAH_SECURITY_EXTRA_RULES: join(__dirname, 'fixtures', 'hanging-rule.cjs') },
  });
}

it(
  'a hanging rule is stopped, named on its file, skipped there only, and the other rules still report',
  { timeout: 120000 },
  async () => {
    const client = await startWithHangingRule();
    try {
      const uri = 'file:///virtual/hang.ts';
      const waiting = client.waitForDiagnostics(uri, () => true, 60000);
      const text = "// hang here\nconst apiKey = 'sk-1234567890abcdef';\n";
      client.documents.set(uri, TextDocument.create(uri, 'typescript', 1, text));
      client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'typescript', version: 1, text },
      });
      // While the rule spins in the worker, the server still answers the editor: the hover comes
      // back before the document's diagnostics, which wait for the watchdog to stop the rule.
      await client.waitForLog(STARTED, 30000);
      await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///virtual/other.ts' },
        position: { line: 0, character: 0 },
      });
      assert.ok(!client.published.some((p) => p.uri === uri), 'the hover was answered while the rule still hung');
      const published = await waiting;
      assert.deepEqual(
        published.diagnostics.filter((d) => d.code !== undefined).map((d) => d.code),
        ['secret/hardcoded-credential'],
      );
      // The file says it was checked without the rule (a log line alone would leave it looking clean).
      const notice = (diagnostics: ReadonlyArray<{ code?: unknown; message: unknown }>) =>
        diagnostics.filter(
          (d) => d.code === undefined && /could not run test\/hangs on this file/.test(String(d.message)),
        );
      assert.equal(notice(published.diagnostics).length, 1, JSON.stringify(published.diagnostics));
      assert.ok(
        client.logs.some(
          (l) => l.includes('Rule test/hangs did not finish on ') && l.includes('is skipped for that file'),
        ),
        client.logs.join('\n'),
      );
      // Skipped for this document: the next change (the text still says "hang here") does not run it.
      const before = client.logged(STARTED);
      const next = await client.change(uri, [
        {
          range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
          text: "const password = 'SuperSecret123!';\n",
        },
      ]);
      assert.deepEqual(
        next.diagnostics
          .filter((d) => d.code !== undefined)
          .map((d) => d.code)
          .sort(),
        ['secret/hardcoded-credential', 'secret/hardcoded-password'],
      );
      assert.equal(notice(next.diagnostics).length, 1, 'still said on the file');
      assert.equal(client.logged(STARTED), before, 'the skipped rule did not run again on this document');
      // Never switched off for the other files: another document runs it (it hangs there too, and is named there).
      const other = 'file:///virtual/hang-too.ts';
      const otherWaiting = client.waitForDiagnostics(other, () => true, 60000);
      client.documents.set(other, TextDocument.create(other, 'typescript', 1, text));
      client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: other, languageId: 'typescript', version: 1, text },
      });
      const otherPublished = await otherWaiting;
      assert.equal(client.logged(STARTED), before + 1, 'the rule ran on the other document');
      assert.equal(notice(otherPublished.diagnostics).length, 1);
    } finally {
      client.kill();
    }
  },
);

it('a newer version cancels a long analysis of the old one', { timeout: 120000 }, async (t) => {
  const client = await startWithHangingRule();
  try {
    const uri = 'file:///virtual/cancel-old.ts';
    const text = "// hang here\nconst apiKey = 'sk-1234567890abcdef';\n";
    client.documents.set(uri, TextDocument.create(uri, 'typescript', 1, text));
    client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text },
    });
    // Version 1 hangs in the worker; once it is old enough that the server stops it for a newer
    // version rather than letting it finish (300 ms), replace the text.
    await client.waitForLog('test/hangs: spinning for 300 ms', 30000);
    const started = performance.now();
    const published = await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' },
    ]);
    t.diagnostic(
      `version 2 published ${(performance.now() - started).toFixed(0)} ms after the change (the watchdog would stop version 1 after 5 s; npm run bench measures this)`,
    );
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['secret/hardcoded-credential'],
    );
    assert.ok(
      !client.logs.some((l) => l.includes('is skipped for that file')),
      'a cancelled run does not disable the rule',
    );
    assert.equal(client.logged(STARTED), 1, 'the rule ran once, on version 1');
  } finally {
    client.kill();
  }
});
