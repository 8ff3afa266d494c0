// Turning everything off must not read as a pass (issue #22): a repository configuration that
// sets every rule "off" made the checklist say PASS for "No hardcoded secrets" on a project full
// of secrets. Over LSP the checklist item is "not determined", the payload says how many rules
// each folder turns off (the view's description and status bar show it), and the log says so.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, it } from 'node:test';
import type { ChecklistPayload } from '../../server/src/protocol';
import { allRules } from '../../server/src/rules';
import { LspTestClient } from '../helpers/lspClient';

const scratch = mkdtempSync(join(tmpdir(), 'blah-rules-off-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function folder(name: string, config: object | undefined): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.ts'), "const apiKey = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';\n");
  if (config) writeFileSync(join(dir, '.blah-security.json'), JSON.stringify(config));
  return dir;
}

async function checklistOf(dir: string): Promise<{ checklist: ChecklistPayload; logs: string[] }> {
  const client = await LspTestClient.start({ rootUri: pathToFileURL(dir).href.replace(/\/$/, '') });
  try {
    const checklist = (await client.connection.sendRequest('blahSecurity/checklist')) as ChecklistPayload;
    return { checklist, logs: [...client.logs] };
  } finally {
    client.kill();
  }
}

it(
  'a checklist item whose rules are all off is not determined, and the payload and log say so',
  { timeout: 60000 },
  async () => {
    const off = folder('all-off', { rules: Object.fromEntries(allRules.map((r) => [r.id, 'off'])) });
    const { checklist, logs } = await checklistOf(off);
    const secrets = checklist.items.find((i) => i.id === 'no-hardcoded-secrets')!;
    assert.equal(secrets.status, 'unknown');
    assert.equal(secrets.note, 'not determined (rules off in .blah-security.json)');
    assert.ok(
      checklist.items.every((i) => i.status !== 'passed'),
      'nothing passes with every rule off',
    );
    assert.equal(checklist.rulesOff?.length, 1);
    assert.equal(checklist.rulesOff![0].count, allRules.length);
    assert.ok(
      logs.some((l) => l.includes(`turns off ${allRules.length} of ${allRules.length} rules`)),
      logs.join('\n'),
    );

    // The same project with one of the item's rules on: decided again (it fails), the rest noted.
    const some = folder('some-off', { rules: { 'secret/hardcoded-password': 'off' } });
    const partly = (await checklistOf(some)).checklist;
    const item = partly.items.find((i) => i.id === 'no-hardcoded-secrets')!;
    assert.equal(item.status, 'failed');
    assert.match(item.note ?? '', /^1 of \d+ rules off in \.blah-security\.json$/);
    assert.deepEqual(
      partly.rulesOff?.map((f) => f.count),
      [1],
    );
  },
);
