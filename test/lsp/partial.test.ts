// A file the parser cannot take whole (issue #22): in the editor too, what could be parsed is
// reported, and a diagnostic on the file says that part of it was not analyzed, so the file
// never looks checked and clean. (A worker thread's stack takes more nesting than the CLI's main
// thread: hence 20,000 levels.)
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LspTestClient } from '../helpers/lspClient';

it(
  'a document ending in 800 nested parentheses keeps its findings and says it was partly analyzed',
  { timeout: 60000 },
  async () => {
    const client = await LspTestClient.start();
    try {
      const text = [
        'import { exec } from "child_process";',
        'const apiKey = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d";',
        'export function f(req: any) { exec("ls " + req.query.dir); }',
        `const v = ${'('.repeat(20000)}1${')'.repeat(20000)};`,
        '',
      ].join('\n');
      const published = await client.open('file:///virtual/deep.ts', 'typescript', text);
      assert.deepEqual(
        published.diagnostics.filter((d) => d.code !== undefined).map((d) => d.code),
        ['secret/hardcoded-credential', 'ts/command-injection'],
      );
      const notices = published.diagnostics.filter((d) => d.code === undefined).map((d) => d.message);
      assert.equal(notices.length, 1, JSON.stringify(notices));
      assert.match(
        String(notices[0]),
        /^BLAH Security analyzed only part of this file: nesting deeper than 100 levels from line 4 on/,
      );
    } finally {
      client.kill();
    }
  },
);
