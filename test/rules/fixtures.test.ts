// One runner for every rule's fixtures (test/rules/<area>/<name>/): each finding must be marked,
// each marker must be found, and applying the rule's preferred fixes must give the .fixed snapshot.
// UPDATE_SNAPSHOTS=1 writes missing or changed snapshots instead of failing.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { applyTextEdits, combineFixes } from '../../server/src/engine/edits';
import { allRules } from '../../server/src/engine/registry';
import { LineIndex } from '../../server/src/engine/text';
import { readMarkers, textMatches } from '../helpers/fixtures';

const root = join(__dirname);
const update = process.env.UPDATE_SNAPSHOTS === '1';

export function fixtureFolders(): Array<{ ruleId: string; dir: string }> {
  const folders: Array<{ ruleId: string; dir: string }> = [];
  for (const area of readdirSync(root, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const name of readdirSync(join(root, area.name), { withFileTypes: true })) {
      if (name.isDirectory()) folders.push({ ruleId: `${area.name}/${name.name}`, dir: join(root, area.name, name.name) });
    }
  }
  return folders;
}

function fixedName(file: string): string {
  const dot = file.indexOf('.');
  return `${file.slice(0, dot)}.fixed${file.slice(dot)}`;
}

for (const { ruleId, dir } of fixtureFolders()) {
  const rule = allRules.find((r) => r.id === ruleId);
  describe(`rule ${ruleId}`, () => {
    it('is a registered rule', () => assert.ok(rule, `no rule registered for fixture folder ${ruleId}`));
    const files = readdirSync(dir).filter((f) => !f.includes('.fixed.') && /^(valid|invalid)/.test(f));
    for (const fileName of files) {
      const text = readFileSync(join(dir, fileName), 'utf8');
      const result = analyze({ path: `src/${fileName}`, text });
      const lines = new LineIndex(text);
      const { expects, oks } = readMarkers(text);

      it(`${fileName}: reports exactly the marked findings`, () => {
        assert.equal(result.ruleErrors.length, 0, `rule errors: ${JSON.stringify(result.ruleErrors)}`);
        assert.equal(result.skipped, undefined);
        const unmatched = [...result.findings];
        const missing: string[] = [];
        for (const marker of expects) {
          const at = unmatched.findIndex((f) => {
            if (f.ruleId !== marker.ruleId || f.range.start.line !== marker.line) return false;
            if (marker.text === undefined) return true;
            const flagged = text.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end));
            return textMatches(marker.text, flagged);
          });
          if (at < 0) missing.push(`line ${marker.line + 1}: expected ${marker.ruleId} "${marker.text ?? ''}" (marker on line ${marker.markerLine + 1})`);
          else unmatched.splice(at, 1);
        }
        const extra = unmatched.map((f) => {
          const flagged = text.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end));
          return `line ${f.range.start.line + 1}: unmarked ${f.ruleId} "${flagged}" — ${f.message}`;
        });
        assert.deepEqual([...missing, ...extra], [], 'findings and markers differ');
      });

      if (fileName.startsWith('invalid')) {
        it(`${fileName}: has cases for the rule`, () => {
          assert.ok(expects.some((m) => m.ruleId === ruleId), `${fileName} has no expect: ${ruleId} marker`);
        });
        const own = result.findings.filter((f) => f.ruleId === ruleId);
        const fixes = own.map((f) => f.fixes[0]).filter((f) => f !== undefined);
        const snapshotPath = join(dir, fixedName(fileName));
        if (fixes.length > 0) {
          it(`${fileName}: preferred fixes give ${fixedName(fileName)}`, () => {
            const fixed = applyTextEdits(text, combineFixes(fixes));
            if (update && (!existsSync(snapshotPath) || readFileSync(snapshotPath, 'utf8') !== fixed)) {
              writeFileSync(snapshotPath, fixed);
              return;
            }
            assert.ok(existsSync(snapshotPath), `missing snapshot ${fixedName(fileName)} (run with UPDATE_SNAPSHOTS=1 and review it)`);
            assert.equal(fixed, readFileSync(snapshotPath, 'utf8'));
          });
          it(`${fixedName(fileName)}: no longer has the fixed findings`, () => {
            if (!existsSync(snapshotPath)) return;
            const after = analyze({ path: `src/${fixedName(fileName)}`, text: readFileSync(snapshotPath, 'utf8') });
            const fixedCount = own.filter((f) => f.fixes.length > 0).length;
            const remaining = after.findings.filter((f) => f.ruleId === ruleId).length;
            assert.ok(remaining <= own.length - fixedCount, `${remaining} ${ruleId} findings remain after fixing ${fixedCount} of ${own.length}`);
          });
        } else {
          it(`${fileName}: no snapshot without fixes`, () => assert.ok(!existsSync(snapshotPath), `${fixedName(fileName)} exists but the findings offer no fix`));
        }
      } else {
        it(`${fileName}: traps stay quiet`, () => {
          assert.ok(oks.some((m) => m.ruleId === ruleId), `${fileName} has no ok: ${ruleId} marker`);
          const own = result.findings.filter((f) => f.ruleId === ruleId);
          assert.deepEqual(own.map((f) => `line ${f.range.start.line + 1}: ${f.message}`), []);
        });
        it(`${fileName}: ok markers hold`, () => {
          const broken = oks.filter((m) => result.findings.some((f) => f.ruleId === m.ruleId && f.range.start.line === m.line));
          assert.deepEqual(broken.map((m) => `line ${m.line + 1}: ${m.ruleId}`), []);
        });
      }
    }
  });
}
