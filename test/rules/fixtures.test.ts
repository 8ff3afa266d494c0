// One runner for every rule's fixtures (test/rules/<area>/<name>/): each finding must be marked,
// each marker must be found, and applying the rule's preferred fixes must give the .fixed snapshot.
// UPDATE_SNAPSHOTS=1 writes missing or changed snapshots instead of failing; RULE=ts/xxe (a prefix)
// runs one rule's fixtures only.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, companionFiles } from '../../server/src/engine/analyze';
import { appendLinesToText, applyTextEdits, combineFixes, linesToAppend } from '../../server/src/core/edits';
import { allRules } from '../../server/src/rules/index';
import { LineIndex } from '../../server/src/core/text';
import { fixturePath, readMarkers, textMatches } from '../helpers/fixtures';

const root = join(__dirname);
const update = process.env.UPDATE_SNAPSHOTS === '1';

export function fixtureFolders(): Array<{ ruleId: string; dir: string }> {
  const folders: Array<{ ruleId: string; dir: string }> = [];
  for (const area of readdirSync(root, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const name of readdirSync(join(root, area.name), { withFileTypes: true })) {
      if (name.isDirectory())
        folders.push({ ruleId: `${area.name}/${name.name}`, dir: join(root, area.name, name.name) });
    }
  }
  return folders;
}

/** Companion files of a fixture (`invalid.Dockerfile.dockerignore` beside it); others are absent. */
function fixtureCompanions(dir: string, fileName: string, text: string): Record<string, string | null> | undefined {
  const names = companionFiles(fileName, undefined, text);
  if (names.length === 0) return undefined;
  // A bare .dockerignore would apply to every fixture in the folder: fixtures name their own.
  const usable = (name: string): boolean =>
    existsSync(join(dir, name)) && (name !== '.dockerignore' || name.startsWith(fileName));
  return Object.fromEntries(names.map((name) => [name, usable(name) ? readFileSync(join(dir, name), 'utf8') : null]));
}

function fixedName(file: string): string {
  const dot = file.indexOf('.');
  return `${file.slice(0, dot)}.fixed${file.slice(dot)}`;
}

const only = process.env.RULE;

for (const { ruleId, dir } of fixtureFolders()) {
  if (only && !ruleId.startsWith(only)) continue;
  const rule = allRules.find((r) => r.id === ruleId);
  // Workspace rules judge whole projects: test/rules/workspace.test.ts runs their fixtures.
  if (rule?.language === 'workspace') continue;
  describe(`rule ${ruleId}`, () => {
    it('is a registered rule', () => assert.ok(rule, `no rule registered for fixture folder ${ruleId}`));
    const files = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .filter(
        (f) =>
          !f.includes('.fixed.') &&
          /^(valid|invalid)/.test(f) &&
          !f.endsWith('.dockerignore') &&
          !f.endsWith('.appended'),
      );
    for (const fileName of files) {
      const text = readFileSync(join(dir, fileName), 'utf8');
      const result = analyze({ path: fixturePath(fileName), text, companions: fixtureCompanions(dir, fileName, text) });
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
          if (at < 0)
            missing.push(
              `line ${marker.line + 1}: expected ${marker.ruleId} "${marker.text ?? ''}" (marker on line ${marker.markerLine + 1})`,
            );
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
          assert.ok(
            expects.some((m) => m.ruleId === ruleId),
            `${fileName} has no expect: ${ruleId} marker`,
          );
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
            assert.ok(
              existsSync(snapshotPath),
              `missing snapshot ${fixedName(fileName)} (run with UPDATE_SNAPSHOTS=1 and review it)`,
            );
            assert.equal(fixed, readFileSync(snapshotPath, 'utf8'));
          });
          const appends = fixes.filter((f) => f.appendToFile?.relativeTo === 'file');
          if (appends.length > 0) {
            // Files a fix appends to beside the fixture: one snapshot with a section per file.
            const appendedPath = join(dir, `${fixedName(fileName)}.appended`);
            it(`${fileName}: appended files give ${fixedName(fileName)}.appended`, () => {
              const sections = new Map<string, string | undefined>();
              for (const fix of appends) {
                const append = fix.appendToFile!;
                const name = append.path;
                const before = sections.has(name)
                  ? sections.get(name)
                  : existsSync(join(dir, name)) && name.startsWith(fileName)
                    ? readFileSync(join(dir, name), 'utf8')
                    : undefined;
                sections.set(name, appendLinesToText(before, linesToAppend(before, append)));
              }
              const snapshot = [...sections].map(([name, content]) => `--- ${name}\n${content ?? ''}`).join('');
              if (update && (!existsSync(appendedPath) || readFileSync(appendedPath, 'utf8') !== snapshot)) {
                writeFileSync(appendedPath, snapshot);
                return;
              }
              assert.ok(existsSync(appendedPath), `missing snapshot ${fixedName(fileName)}.appended`);
              assert.equal(snapshot, readFileSync(appendedPath, 'utf8'));
            });
          }
          it(`${fixedName(fileName)}: no longer has the fixed findings`, () => {
            if (!existsSync(snapshotPath)) return;
            const after = analyze({ path: fixturePath(fixedName(fileName)), text: readFileSync(snapshotPath, 'utf8') });
            const fixedCount = own.filter((f) => f.fixes.length > 0).length;
            const remaining = after.findings.filter((f) => f.ruleId === ruleId).length;
            assert.ok(
              remaining <= own.length - fixedCount,
              `${remaining} ${ruleId} findings remain after fixing ${fixedCount} of ${own.length}`,
            );
          });
        } else {
          it(`${fileName}: no snapshot without fixes`, () =>
            assert.ok(!existsSync(snapshotPath), `${fixedName(fileName)} exists but the findings offer no fix`));
        }
      } else {
        it(`${fileName}: traps stay quiet`, () => {
          assert.ok(
            oks.some((m) => m.ruleId === ruleId),
            `${fileName} has no ok: ${ruleId} marker`,
          );
          const own = result.findings.filter((f) => f.ruleId === ruleId);
          assert.deepEqual(
            own.map((f) => `line ${f.range.start.line + 1}: ${f.message}`),
            [],
          );
        });
        it(`${fileName}: ok markers hold`, () => {
          const broken = oks.filter((m) =>
            result.findings.some((f) => f.ruleId === m.ruleId && f.range.start.line === m.line),
          );
          assert.deepEqual(
            broken.map((m) => `line ${m.line + 1}: ${m.ruleId}`),
            [],
          );
        });
      }
    }
  });
}
