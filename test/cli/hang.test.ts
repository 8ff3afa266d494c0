// A rule that never returns (injected through BLAH_SECURITY_EXTRA_RULES) must not stall a CI job:
// the scanner stops the file's analysis after --file-timeout, names the file and the rule, runs
// the file again without that rule, goes on with the other files, and exits 2 (incomplete scan).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const repo = join(__dirname, '..', '..');
const bin = join(repo, 'bin', 'blah-security.js');
const hangingRule = join(repo, 'test', 'lsp', 'fixtures', 'hanging-rule.cjs');
/** Longer than any scan here may take: a scan still running then has stalled. */
const STALLED_MS = 20000;

function cli(
  args: string[],
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, BLAH_SECURITY_EXTRA_RULES: hangingRule },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), STALLED_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'blah-hang-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const project = join(scratch, 'project');
mkdirSync(project, { recursive: true });
const hangs = "// hang here\nconst apiKey = 'sk-1234567890abcdef';\n";
writeFileSync(join(project, 'a.ts'), "const password = 'SuperSecret123!';\n");
writeFileSync(join(project, 'b.ts'), "export const ok = 1;\nconst apiKey = 'sk-abcdef1234567890';\n");
writeFileSync(join(project, 'hang.ts'), hangs);
writeFileSync(join(project, 'x.ts'), "const password = 'AnotherSecret456!';\n");
writeFileSync(join(project, 'z-hang.ts'), hangs);

interface JsonReport {
  summary: Record<string, number>;
  files: Array<{
    path: string;
    findings: Array<{ ruleId: string }>;
    ruleErrors?: Array<{ ruleId: string; message: string }>;
    skipped?: string;
    failed?: boolean;
  }>;
}

describe('a rule that hangs in a CI scan', () => {
  it('is stopped, named with its file in text output, and the scan finishes with exit 2', async () => {
    const { status, stdout, stderr, ms } = await cli(['scan', '.', '--file-timeout', '2', '--no-color'], project);
    assert.ok(ms < STALLED_MS, `the scan stalled (${ms} ms)`);
    assert.equal(status, 2, stdout + stderr);
    // Both files the rule hangs on are named, with the rule (it is not silently disabled for the rest of the scan).
    assert.match(stdout, /^hang\.ts: internal error in rule test\/hangs: did not finish within 2 s/m);
    assert.match(stdout, /^z-hang\.ts: internal error in rule test\/hangs: did not finish within 2 s/m);
    // The other files, and the other rules on the files it hung on, still report.
    assert.match(stdout, /^a\.ts:1:\d+: warning secret\/hardcoded-password/m);
    assert.match(stdout, /^b\.ts:2:\d+: error secret\/hardcoded-credential/m);
    assert.match(stdout, /^x\.ts:1:\d+: warning secret\/hardcoded-password/m);
    assert.match(stdout, /^hang\.ts:2:\d+: error secret\/hardcoded-credential/m);
    assert.match(stdout, /^z-hang\.ts:2:\d+: error secret\/hardcoded-credential/m);
    assert.match(stdout, /2 files not fully analyzed/);
  });

  it('is reported in JSON on several workers, and the other files still are', async () => {
    const { status, stdout, stderr, ms } = await cli(
      ['scan', '.', '--file-timeout', '2', '--jobs', '2', '--format', 'json'],
      project,
    );
    assert.ok(ms < STALLED_MS, `the scan stalled (${ms} ms)`);
    assert.equal(status, 2, stderr);
    const report = JSON.parse(stdout) as JsonReport;
    const byPath = new Map(report.files.map((f) => [f.path, f]));
    for (const path of ['hang.ts', 'z-hang.ts']) {
      const file = byPath.get(path)!;
      assert.deepEqual(
        file.ruleErrors?.map((e) => e.ruleId),
        ['test/hangs'],
        path,
      );
      assert.match(file.ruleErrors![0].message, /did not finish within 2 s/);
      assert.deepEqual(
        file.findings.map((f) => f.ruleId),
        ['secret/hardcoded-credential'],
        path,
      );
    }
    for (const [path, rule] of [
      ['a.ts', 'secret/hardcoded-password'],
      ['b.ts', 'secret/hardcoded-credential'],
      ['x.ts', 'secret/hardcoded-password'],
    ]) {
      assert.deepEqual(
        byPath.get(path)?.findings.map((f) => f.ruleId),
        [rule],
        path,
      );
      assert.equal(byPath.get(path)?.ruleErrors, undefined, path);
    }
    assert.equal(report.summary.incomplete, 2);
    // Outside the report (written to a file or read by a machine), stderr says why the exit status is 2.
    assert.match(stderr, /hang\.ts: internal error in rule test\/hangs: did not finish within 2 s/);
  });
});

describe('the worker pool', () => {
  it('gives up a file whose run hangs outside any rule, and carries on with a fresh worker', async () => {
    const { createWorkerAnalyzer } = await import('../../server/src/host/workerAnalyzer');
    const analyzer = createWorkerAnalyzer({
      script: join(__dirname, 'fixtures', 'stuck-worker.cjs'),
      threads: 2,
      budgetMs: () => 500,
      hungRules: 'file',
    });
    try {
      const job = (path: string) => ({ input: { path, text: '' }, settings: {} });
      const [stuck, ok, again] = await Promise.all([
        analyzer(job('stuck.ts')),
        analyzer(job('ok.ts')),
        analyzer(job('ok.ts')),
      ]);
      assert.deepEqual(stuck, {
        findings: [],
        facts: [],
        ruleErrors: [],
        skipped: 'analysis did not finish within 0.5 s',
        failed: true,
      });
      assert.equal(ok.skipped, undefined);
      assert.equal(again.skipped, undefined);
      assert.equal((await analyzer(job('ok.ts'))).skipped, undefined, "a fresh worker took the stopped one's place");
    } finally {
      await analyzer.dispose();
    }
  });

  // Protects: the watchdog cannot be steered into blaming (and skipping) an innocent rule. A file
  // that overruns without the rule that was running too is reported as not analyzed, no rule named.
  it('blames no rule when the run without it still overruns', async () => {
    const { createWorkerAnalyzer } = await import('../../server/src/host/workerAnalyzer');
    const analyzer = createWorkerAnalyzer({
      script: join(__dirname, 'fixtures', 'blaming-worker.cjs'),
      budgetMs: () => 500,
      hungRules: 'document',
    });
    try {
      const slow = await analyzer({ input: { path: 'quadratic.ts', text: '' }, settings: {} });
      assert.deepEqual(slow.ruleErrors, []);
      assert.equal(slow.failed, true);
      assert.match(slow.skipped ?? '', /^analysis did not finish within 0\.5 s \(not even without test\/innocent/);
      // test/innocent was not disabled: another file runs it (nothing is excluded there).
      const other = await analyzer({ input: { path: 'other.ts', text: '' }, settings: {} });
      assert.equal(other.findings[0]?.message, 'excluded: ');
    } finally {
      await analyzer.dispose();
    }
  });

  // Protects: a rule that hangs on one file is skipped for that file and reported there, never
  // switched off for the other files (the editor's policy was "disabled for this session").
  it("skips a hung rule on its document only, and says so on that document's every result", async () => {
    const { createWorkerAnalyzer } = await import('../../server/src/host/workerAnalyzer');
    const analyzer = createWorkerAnalyzer({
      script: join(__dirname, 'fixtures', 'blaming-worker.cjs'),
      budgetMs: () => 500,
      hungRules: 'document',
    });
    try {
      const job = (path: string, cacheKey: string) => ({ input: { path, text: '' }, settings: {}, cacheKey });
      const first = await analyzer(job('guilty.ts', 'file:///guilty.ts'));
      assert.deepEqual(first.ruleErrors, [
        { ruleId: 'test/guilty', message: 'did not finish within 0.5 s; the file was analyzed without it' },
      ]);
      assert.equal(first.findings[0]?.message, 'excluded: test/guilty');
      // The next keystroke in that document does not run it again (it would hang again), and says so.
      const again = await analyzer(job('guilty.ts', 'file:///guilty.ts'));
      assert.deepEqual(
        again.ruleErrors.map((e) => e.ruleId),
        ['test/guilty'],
      );
      assert.equal(again.findings[0]?.message, 'excluded: test/guilty');
      // Another file still runs it: there it hangs again, and is blamed there.
      const elsewhere = await analyzer(job('ok.ts', 'file:///ok.ts'));
      assert.deepEqual(elsewhere.ruleErrors, []);
      assert.equal(elsewhere.findings[0]?.message, 'excluded: ');
      const second = await analyzer(job('guilty-too.ts', 'file:///guilty-too.ts'));
      assert.deepEqual(
        second.ruleErrors.map((e) => e.ruleId),
        ['test/guilty'],
      );
    } finally {
      await analyzer.dispose();
    }
  });

  it('fails the jobs of a worker that cannot load instead of waiting for it', async () => {
    const { createWorkerAnalyzer } = await import('../../server/src/host/workerAnalyzer');
    const analyzer = createWorkerAnalyzer({ script: join(repo, 'no-such-worker.js'), budgetMs: () => 10000 });
    try {
      const result = await analyzer({ input: { path: 'a.ts', text: '' }, settings: {} });
      assert.equal(result.failed, true);
      assert.match(result.skipped ?? '', /^could not be analyzed \(analysis worker failed/);
    } finally {
      await analyzer.dispose();
    }
  });
});
