// Analysis failures must not pass CI (issue #22): a file not fully analyzed (part of it nested too
// deep to parse, a rule that failed or overran) makes the scan exit 2 even when its other
// findings are below --fail-on or absent, unless --allow-partial says that is accepted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const repo = join(__dirname, '..', '..');
const bin = join(repo, 'bin', 'blah-security.js');

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // A kill timer: a scan still running after this has stalled.
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'blah-partial-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

const deep = `const v = ${'('.repeat(800)}1${')'.repeat(800)};\n`;

describe('a file not fully analyzed', () => {
  // Protects: 800 nested parentheses no longer skip the file (and its key and injection) with
  // the scan passing; what could be parsed is reported and the scan fails.
  it('still reports what could be analyzed, and the scan exits 2', () => {
    const dir = project('deep', {
      'x.ts': `import { exec } from "child_process";\nconst apiKey = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d";\nexport function f(req: any) { exec("ls " + req.query.dir); }\n${deep}`,
    });
    const { status, stdout, stderr } = cli(['scan', '.', '--no-color'], dir);
    assert.equal(status, 2, stdout + stderr);
    assert.match(stdout, /^x\.ts:2:\d+: error secret\/hardcoded-credential/m);
    assert.match(stdout, /^x\.ts:3:\d+: error ts\/command-injection/m);
    assert.match(stdout, /^x\.ts: error: partly analyzed: nesting deeper than 100 levels from line 4 on/m);
    assert.match(stdout, /1 file not fully analyzed/);
    // --allow-partial: the status is the findings' (errors: 1).
    assert.equal(cli(['scan', '.', '--no-color', '--allow-partial'], dir).status, 1);
  });

  it('fails a scan with no findings at all, unless --allow-partial', () => {
    const dir = project('deep-clean', { 'y.ts': deep });
    const json = cli(['scan', '.', '--format', 'json'], dir);
    assert.equal(json.status, 2, json.stdout + json.stderr);
    const report = JSON.parse(json.stdout) as { summary: { incomplete: number }; files: Array<{ partial?: string }> };
    assert.equal(report.summary.incomplete, 1);
    assert.match(report.files[0].partial ?? '', /^nesting deeper than 100 levels/);
    assert.match(json.stderr, /y\.ts: error: partly analyzed/);
    assert.equal(cli(['scan', '.', '--format', 'json', '--allow-partial'], dir).status, 0);
  });
});
