// Turning everything off must not pass silently (issue #22): a configuration that turns rules
// off is named at the top of the text report, with how many; a checklist item whose rules are
// all off is "not determined (rules off in .blah-security.json)" in text and JSON, never PASS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { allRules } from '../../server/src/rules';

const bin = join(__dirname, '..', '..', 'bin', 'blah-security.js');
const scratch = mkdtempSync(join(tmpdir(), 'blah-cli-rules-off-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

it('a configuration with every rule off is said first, and passes no checklist item', () => {
  const dir = join(scratch, 'all-off');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, '.blah-security.json'),
    JSON.stringify({ rules: Object.fromEntries(allRules.map((r) => [r.id, 'off'])) }),
  );
  writeFileSync(join(dir, 'src', 'a.ts'), "const apiKey = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';\n");

  const text = cli(['scan', '.', '--no-color', '--checklist'], dir);
  assert.equal(text.status, 0, text.stdout + text.stderr);
  const lines = text.stdout.split('\n');
  assert.match(
    lines[0],
    new RegExp(`^Note: \\.blah-security\\.json turns off ${allRules.length} of ${allRules.length} rules \\(`),
  );
  assert.match(
    text.stdout,
    /\[ {2}\? \] No hardcoded secrets or credentials — not determined \(rules off in \.blah-security\.json\)/,
  );
  assert.doesNotMatch(text.stdout, /PASS/);

  const json = cli(['scan', '.', '--format', 'json'], dir);
  const report = JSON.parse(json.stdout) as { checklist: Array<{ id: string; status: string; note?: string }> };
  const secrets = report.checklist.find((i) => i.id === 'no-hardcoded-secrets')!;
  assert.deepEqual([secrets.status, secrets.note], ['unknown', 'not determined (rules off in .blah-security.json)']);
  assert.match(json.stderr, /^blah-security: Note: \.blah-security\.json turns off/m);
});
