// Incremental reparsing (a keystroke reparses only what changed) must give exactly the findings a
// full parse gives: random edits to every TypeScript fixture, compared step by step.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { idleRefresher } from '../../server/src/host/analysisJob';
import { REFRESH_AFTER, refreshParses, type ParseCache } from '../../server/src/languages/typescript/analyze';
import { random } from '../fuzz/fuzzer';
import { quickSkip } from '../helpers/quick';

function tsFixtures(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(__dirname, '..', 'rules'));
  walk(join(__dirname, '..', '..', 'examples'));
  return files;
}

it(
  'incremental reparses find exactly what full parses find',
  { skip: quickSkip('15 random edits to every fixture, about 15 s') },
  () => {
    const rand = random(42);
    const snippets = [
      "'sk-1234567890abcdef'",
      '`${id}`',
      ' + x',
      ';\n',
      '{',
      '}',
      '(',
      ')',
      'db.query(`SELECT * FROM t WHERE id = ${id}`);\n',
      '\n',
      '// c\n',
      '"',
    ];
    let edits = 0;
    for (const path of tsFixtures()) {
      const files: ParseCache = new Map();
      let text = readFileSync(path, 'utf8');
      for (let step = 0; step < 15; step++) {
        const at = Math.floor(rand() * text.length);
        const removed = Math.floor(rand() * 8);
        const inserted = rand() < 0.7 ? snippets[Math.floor(rand() * snippets.length)] : '';
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        const incremental = analyze({ path: 'src/edited.ts', text, incremental: { key: path, files } });
        const full = analyze({ path: 'src/edited.ts', text });
        assert.deepEqual(incremental.findings, full.findings, `${path} after ${step + 1} edits`);
        edits++;
      }
    }
    assert.ok(edits > 200, `${edits} edits`);
  },
);

it('an idle refresh replaces long-edited trees by full parses of the same text, and analysis goes on from them', () => {
  const files: ParseCache = new Map();
  let text =
    "import { exec } from 'child_process';\nexport function run(req: { query: { cmd: string } }) {\n  exec(req.query.cmd);\n}\n";
  for (let step = 0; step <= REFRESH_AFTER; step++) {
    text = step % 2 ? text.slice(1) : ' ' + text;
    analyze({ path: 'src/edited.ts', text, incremental: { key: 'k', files } });
  }
  const before = files.get('k')!;
  assert.equal(before.incremental, REFRESH_AFTER);
  files.set('fresh', { file: before.file, incremental: 3 });
  refreshParses(files);
  const after = files.get('k')!;
  assert.equal(after.incremental, 0);
  assert.notEqual(after.file, before.file);
  assert.equal(after.file.text, text);
  assert.equal(files.get('fresh')!.incremental, 3, 'trees edited fewer times are left alone');
  const next = ' ' + text;
  assert.deepEqual(
    analyze({ path: 'src/edited.ts', text: next, incremental: { key: 'k', files } }).findings,
    analyze({ path: 'src/edited.ts', text: next }).findings,
  );
  assert.equal(files.get('k')!.incremental, 1);
});

it('the idle refresher waits for a quiet moment and never for a busy one', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const files: ParseCache = new Map();
  const text = 'const a = 1;\n';
  analyze({ path: 'src/a.ts', text, incremental: { key: 'k', files } });
  files.set('k', { ...files.get('k')!, incremental: REFRESH_AFTER });
  const refresher = idleRefresher(files);
  refresher.idle();
  t.mock.timers.tick(300);
  refresher.busy();
  t.mock.timers.tick(1000);
  assert.equal(files.get('k')!.incremental, REFRESH_AFTER, 'a job came before the quiet time ended');
  refresher.idle();
  t.mock.timers.tick(1000);
  assert.equal(files.get('k')!.incremental, 0);
});
