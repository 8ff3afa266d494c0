// The short end-to-end check of `npm run test:quick`: the built server over stdio, one TypeScript
// file with a planted finding, its diagnostic, its quick fix and its hover, then a clean shutdown.
// The full LSP suites (server, protocol, workspace…) run in `npm test`.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

it('the built server publishes a finding, fixes it and explains it on hover', { timeout: 60000 }, async () => {
  const client = await LspTestClient.start();
  try {
    const uri = 'file:///virtual/smoke.ts';
    const text =
      "import { Pool } from 'pg';\nconst db = new Pool();\nexport const find = (id: string) => db.query(`SELECT * FROM users WHERE id = ${id}`);\n";
    const published = await client.open(uri, 'typescript', text);
    const sql = published.diagnostics.filter((d) => d.code === 'ts/sql-injection');
    assert.equal(sql.length, 1, JSON.stringify(published.diagnostics));

    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: sql[0].range.start,
    });
    assert.ok(hover, 'a hover on the finding');
    assert.match((hover.contents as { value: string }).value, /\*\*Why:\*\*/);

    const actions = await client.codeActions(uri, sql);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, `a preferred fix among ${actions.map((a) => a.title).join(', ')}`);
    client.applyEdit(preferred.edit);
    assert.match(client.text(uri), /db\.query\('SELECT \* FROM users WHERE id = \$1', \[id\]\)/);
    const fixed = await client.sync(uri);
    assert.deepEqual(fixed.diagnostics, []);

    assert.equal(await client.shutdown(), 0);
  } catch (error) {
    client.kill();
    throw error;
  }
});
