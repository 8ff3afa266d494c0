// Incremental reparsing (a keystroke reparses only what changed) must give exactly the findings a
// full parse gives: random edits to every TypeScript fixture, compared step by step.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import type { ParseCache } from '../../server/src/languages/typescript/analyze';
import { random } from '../fuzz/fuzzer';

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

it('incremental reparses find exactly what full parses find', () => {
  const rand = random(42);
  const snippets = ["'sk-1234567890abcdef'", '`${id}`', ' + x', ';\n', '{', '}', '(', ')', 'db.query(`SELECT * FROM t WHERE id = ${id}`);\n', '\n', '// c\n', '"'];
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
});
