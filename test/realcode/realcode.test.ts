// False positives on real code: the CLI over installed dependencies must not find more than the
// reviewed baseline (test/realcode/baseline.json), rule by rule.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { allRules } from '../../server/src/rules';

const repo = join(__dirname, '..', '..');
const baseline = JSON.parse(readFileSync(join(__dirname, 'baseline.json'), 'utf8')) as { corpus: string[]; findings: Record<string, number> };

it('finds no more on dependency code than the reviewed baseline', () => {
  const corpus = baseline.corpus.filter((path) => existsSync(join(repo, path)));
  assert.ok(corpus.length >= 8, `corpus present: ${corpus.join(', ')}`);
  const result = spawnSync(process.execPath, [join(repo, 'bin', 'blah-security.js'), 'scan', ...corpus, '--format', 'json', '--max-file-size', '20MB'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300000,
  });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  const report = JSON.parse(result.stdout) as { summary: { files: number }; files: Array<{ path: string; findings: Array<{ ruleId: string; range: { start: { line: number } }; message: string }> }> };
  const counts: Record<string, number> = {};
  const where: string[] = [];
  // Workspace rules judge projects; the corpus is installed packages, which are not projects
  // (npm never publishes a lockfile, for one). Their fixtures cover them.
  const workspaceRules = new Set(allRules.filter((r) => r.language === 'workspace').map((r) => r.id));
  for (const file of report.files) {
    for (const f of file.findings.filter((x) => !workspaceRules.has(x.ruleId))) {
      counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
      where.push(`${file.path}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`);
    }
  }
  console.log(`# real-code corpus: ${report.summary.files} files, findings per rule: ${JSON.stringify(counts)}`);
  const grown = Object.entries(counts).filter(([id, n]) => n > (baseline.findings[id] ?? 0));
  assert.deepEqual(grown, [], `new findings on real code (false positives until reviewed):\n${where.slice(0, 40).join('\n')}`);
});
