// Fixtures of workspace rules (test/rules/project/*, test/rules/pkg/*): whole small projects in
// one file (see test/helpers/projectFixtures.ts). Each marked finding must be reported, nothing
// else by the rule, and its preferred fixes must give the .fixed snapshot.
// UPDATE_SNAPSHOTS=1 writes missing or changed snapshots instead of failing.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { appendLinesToText, applyTextEdits, linesToAppend } from '../../server/src/core/edits';
import { allRules } from '../../server/src/rules/index';
import type { Finding } from '../../server/src/core/rule';
import {
  analyzeProjectCase,
  parseProjectFixture,
  renderProjectFixture,
  type ProjectCase,
} from '../helpers/projectFixtures';

const update = process.env.UPDATE_SNAPSHOTS === '1';

function findingsOf(
  result: Awaited<ReturnType<typeof analyzeProjectCase>>,
  ruleId: string,
): Array<{ path: string; finding: Finding }> {
  return [...result.findings].flatMap(([path, list]) =>
    list.filter((f) => f.ruleId === ruleId).map((finding) => ({ path, finding })),
  );
}

function applyPreferredFixes(c: ProjectCase, found: Array<{ path: string; finding: Finding }>): ProjectCase {
  const files = new Map(c.files);
  for (const { path, finding } of found) {
    const fix = finding.fixes[0];
    if (!fix) continue;
    if (fix.edits.length > 0) files.set(path, applyTextEdits(files.get(path) ?? '', fix.edits));
    if (fix.appendToFile) {
      const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
      const target = fix.appendToFile.relativeTo === 'project' ? fix.appendToFile.path : folder + fix.appendToFile.path;
      const existing = files.get(target);
      const missing = linesToAppend(existing, fix.appendToFile);
      if (missing.length > 0) files.set(target, appendLinesToText(existing, missing));
    }
  }
  return { ...c, files };
}

for (const rule of allRules.filter((r) => r.language === 'workspace')) {
  const dir = join(__dirname, rule.id);
  describe(`workspace rule ${rule.id}`, () => {
    const names = existsSync(dir)
      ? readdirSync(dir).filter((f) => f.endsWith('.project') && !f.includes('.fixed.'))
      : [];
    it('has fixtures', () => assert.ok(names.length >= 2, `no .project fixtures in ${dir}`));
    for (const name of names) {
      const cases = parseProjectFixture(readFileSync(join(dir, name), 'utf8'));
      const invalid = name.startsWith('invalid');
      for (const c of cases) {
        it(`${name}: ${c.title}`, async () => {
          const result = await analyzeProjectCase(c);
          assert.deepEqual(result.ruleErrors, []);
          const actual = findingsOf(result, rule.id)
            .map(({ path, finding }) => `${path}:${finding.range.start.line + 1}`)
            .sort();
          const expected = c.expects
            .filter((e) => e.ruleId === rule.id)
            .map((e) => `${e.path}:${e.line}`)
            .sort();
          assert.deepEqual(actual, expected);
          if (invalid) assert.ok(expected.length > 0, 'an invalid case expects a finding of the rule');
          else assert.ok(c.oks.includes(rule.id), `a valid case says "## ok: ${rule.id}"`);
          for (const { finding } of findingsOf(result, rule.id))
            assert.ok(
              !/[A-Za-z0-9+/_-]{24,}/.test(finding.message),
              `the message echoes no long value: ${finding.message}`,
            );
        });
      }
      if (invalid && (rule.meta.fixable || rule.meta.hasSuggestions)) {
        it(`${name}: preferred fixes give ${name.replace('.project', '.fixed.project')}`, async () => {
          const fixed: ProjectCase[] = [];
          for (const c of cases) {
            const after = applyPreferredFixes(c, findingsOf(await analyzeProjectCase(c), rule.id));
            const again = findingsOf(await analyzeProjectCase(after), rule.id).filter(
              ({ finding }) => finding.fixes.length > 0,
            );
            assert.deepEqual(
              again.map((f) => f.path),
              [],
              `${c.title}: fixed findings are gone`,
            );
            fixed.push({ ...after, expects: [] });
          }
          const snapshotPath = join(dir, name.replace('.project', '.fixed.project'));
          const rendered = renderProjectFixture(fixed);
          if (update) writeFileSync(snapshotPath, rendered);
          else assert.equal(rendered, readFileSync(snapshotPath, 'utf8'));
        });
      }
    }
  });
}
