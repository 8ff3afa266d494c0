// A hostile repository must not hang or crash the tool (issue #22): a backtracking glob in a
// .gitignore, files that are devices or named pipes where a .gitignore, a .dockerignore, an nginx
// include or a .blah-security.json is expected, a huge configuration, a broken protocol frame, and
// configuration planted in a folder above the project. Every fixture is made here, in a temporary
// folder; every child process has a kill timer, so a regression fails instead of hanging.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const repo = join(__dirname, '..', '..');
const bin = join(repo, 'bin', 'blah-security.js');
/** Longer than any scan here may take: one still running then has stalled. */
const STALLED_MS = 25000;

/** The glob that takes a backtracking matcher minutes against a 60-character name. */
const EVIL_GLOB = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
const LONG_NAME = `${'a'.repeat(60)}.ts`;
const SECRET = "const apiKey = 'sk-1234567890abcdef';\n";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  stalled: boolean;
}

function cli(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    let stalled = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s.slice(0, 100000)));
    const timer = setTimeout(() => {
      stalled = true;
      child.kill('SIGKILL');
    }, STALLED_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started, stalled });
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'blah-hostile-'));
after(() => {
  // A world-writable folder made by a test is the test's to remove.
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh project folder (with a `.git`, so nothing above it applies) holding a sentinel finding. */
function project(name: string, git = true): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  if (git) mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'zz-sentinel.ts'), SECRET);
  return dir;
}

function assertFinished(run: Run, status: number): void {
  assert.ok(!run.stalled, `the scan stalled (killed after ${run.ms} ms); stderr: ${run.stderr.slice(0, 2000)}`);
  assert.equal(run.status, status, run.stdout + run.stderr.slice(0, 2000));
}

describe('a hostile repository and the CLI', () => {
  it('matches ignore globs in linear time: a backtracking .gitignore line and config ignore entry do not stall the scan', async () => {
    const dir = project('redos');
    writeFileSync(join(dir, '.gitignore'), `${EVIL_GLOB}\n`);
    writeFileSync(join(dir, '.blah-security.json'), JSON.stringify({ ignore: [EVIL_GLOB] }));
    writeFileSync(join(dir, LONG_NAME), SECRET);
    const run = await cli(['scan', '.', '--no-color'], dir);
    assertFinished(run, 1);
    // The glob does not match (the name ends in `.ts`, not `b`): the file is scanned.
    assert.match(
      run.stdout,
      new RegExp(`^${LONG_NAME.replace('.', '\\.')}:1:\\d+: error secret/hardcoded-credential`, 'm'),
    );
  });
});
