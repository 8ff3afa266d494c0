// --report-unused-suppressions: suppression comments that suppress nothing fail an audit in CI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const repo = join(__dirname, '..', '..');
const bin = join(repo, 'bin', 'blah-security.js');

function scan(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, 'scan', ...args, '--no-color'], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('blah-security scan --report-unused-suppressions', () => {
  const folder = mkdtempSync(join(tmpdir(), 'blah-unused-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(
    join(folder, 'a.ts'),
    [
      'export const a = 1; // blah-security-ignore secret/hardcoded-password -- old fixture',
      '// blah-security-ignore-next-line secret/hardcoded-password -- test fixture',
      "export const password = 'SuperSecret123!';",
      '// blah-security-ignore-next-line secret/hardcoded-pasword',
      'export const b = 2;',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(folder, 'Dockerfile'),
    '# blah-security-ignore-next-line docker/latest-tag\nFROM node:20.18-alpine\nUSER node\nHEALTHCHECK NONE\n',
  );

  it('reports only the comments that suppress nothing, as warnings', () => {
    const result = scan(folder, '.', '--report-unused-suppressions', '--format', 'json');
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      files: Array<{
        path: string;
        findings: Array<{ ruleId: string; severity: string; line?: number; message: string }>;
      }>;
    };
    const unused = report.files.flatMap((f) =>
      f.findings.filter((x) => x.ruleId === 'blah-security/unused-suppression').map((x) => `${f.path}: ${x.message}`),
    );
    assert.deepEqual(unused.sort(), [
      'Dockerfile: Unused suppression: no docker/latest-tag finding on line 2 to suppress.',
      'a.ts: Unknown rule "secret/hardcoded-pasword" in a suppression comment. Did you mean "secret/hardcoded-password"?',
      'a.ts: Unused suppression: no secret/hardcoded-password finding on line 1 to suppress.',
    ]);
    for (const file of report.files)
      for (const finding of file.findings)
        if (finding.ruleId === 'blah-security/unused-suppression') assert.equal(finding.severity, 'warning');
  });

  it('fails the scan with --fail-on warning, and says nothing without the flag', () => {
    const failing = scan(folder, '.', '--report-unused-suppressions', '--fail-on', 'warning');
    assert.equal(failing.status, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /blah-security\/unused-suppression Unused suppression: no secret\/hardcoded-password/);
    const quiet = scan(folder, '.', '--fail-on', 'warning');
    assert.equal(quiet.status, 0, quiet.stdout + quiet.stderr);
    assert.doesNotMatch(quiet.stdout, /unused-suppression/);
  });
});
