// A hostile repository must not hang or crash the tool (issue #22): a backtracking glob in a
// .gitignore, files that are devices or named pipes where a .gitignore, a .dockerignore, an nginx
// include or a .blah-security.json is expected, a huge configuration, a broken protocol frame, and
// configuration planted in a folder above the project. Every fixture is made here, in a temporary
// folder; every child process has a kill timer, so a regression fails instead of hanging.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { messageText, serverPath, LspTestClient } from '../helpers/lspClient';

const repo = join(__dirname, '..', '..');
const bin = join(repo, 'bin', 'blah-security.js');
/** Longer than any scan here may take: one still running then has stalled. */
const STALLED_MS = 25000;
const posix = process.platform !== 'win32';

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

function cli(args: string[], cwd: string, as?: { bin: string; uid: number; gid: number }): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [as?.bin ?? bin, ...args],
      as ? { cwd, uid: as.uid, gid: as.gid, env: { ...process.env, HOME: cwd } } : { cwd },
    );
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

const mkfifo = (path: string): void => void execFileSync('mkfifo', [path]);
/** Enough `../` from anywhere under the temporary folder to reach `/`. */
const toRoot = '../'.repeat(40);

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

  it(
    'reads no device: includes that climb to /dev/zero and companions linked to /dev/zero or /dev/urandom',
    { skip: !posix },
    async () => {
      const dir = project('devices');
      mkdirSync(join(dir, 'nginx'));
      const includes = Array.from({ length: 32 }, () => `  include ${toRoot}dev/zero;`).join('\n');
      writeFileSync(
        join(dir, 'nginx', 'nginx.conf'),
        `http {\n${includes}\n  include zero.conf;\n  include random.conf;\n  server { listen 80; }\n}\n`,
      );
      symlinkSync('/dev/zero', join(dir, 'nginx', 'zero.conf'));
      symlinkSync('/dev/urandom', join(dir, 'nginx', 'random.conf'));
      writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . .\n');
      symlinkSync('/dev/zero', join(dir, '.dockerignore'));
      symlinkSync('/dev/urandom', join(dir, '.gitignore'));
      mkdirSync(join(dir, 'sub'));
      symlinkSync('/dev/zero', join(dir, 'sub', '.gitignore'));
      symlinkSync('/dev/zero', join(dir, 'sub', '.blah-security.json'));
      writeFileSync(join(dir, 'sub', 'a.ts'), SECRET);
      const run = await cli(['scan', '.', '--no-color'], dir);
      assertFinished(run, 1);
      assert.match(run.stdout, /^zz-sentinel\.ts:1:\d+: error secret\/hardcoded-credential/m);
      assert.match(run.stdout, /^sub\/a\.ts:1:\d+: error secret\/hardcoded-credential/m);
      // A .dockerignore that is a device is no .dockerignore.
      assert.match(run.stdout, /^Dockerfile:2:\d+: error docker\/copies-secrets/m);
    },
  );

  it('reads no companion through a symbolic link that leads outside the repository', { skip: !posix }, async () => {
    const dir = project('linked');
    const outside = join(scratch, 'outside-cli');
    mkdirSync(outside);
    // Read, it would make the COPY below look safe.
    writeFileSync(join(outside, 'dockerignore'), '*\n**\n');
    symlinkSync(join(outside, 'dockerignore'), join(dir, '.dockerignore'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . .\n');
    const run = await cli(['scan', '.', '--no-color'], dir);
    assertFinished(run, 1);
    assert.match(run.stdout, /^Dockerfile:2:\d+: error docker\/copies-secrets .*there is no \.dockerignore/m);
    // And says, once, that it did not read it.
    assert.match(
      run.stdout,
      /^Dockerfile:1:1: note: `\.dockerignore` was not read: BLAH Security follows no path out of the project/m,
    );
  });

  it(
    'reads no nginx include outside the project (`..` or a link), says so once per file, and lets none of it change findings',
    { skip: !posix },
    async () => {
      const dir = project('include-outside');
      const outside = join(scratch, 'outside-include');
      mkdirSync(outside);
      // Read, its add_header name would appear in reports and its autoindex would be a finding.
      writeFileSync(join(outside, 'secret.conf'), 'add_header X-Internal-Token-Name "zqplanted";\nautoindex on;\n');
      mkdirSync(join(dir, 'conf', 'snippets'), { recursive: true });
      symlinkSync(join(outside, 'secret.conf'), join(dir, 'conf', 'snippets', 'linked.conf'));
      writeFileSync(
        join(dir, 'conf', 'nginx.conf'),
        [
          'http {',
          '  server {',
          '    listen 80;',
          '    include ../../outside-include/secret.conf;',
          '    include snippets/linked.conf;',
          '    include ../../outside-include/secret.conf;',
          '    location / { root /srv; }',
          '  }',
          '}',
          '',
        ].join('\n'),
      );
      const run = await cli(['scan', '.', '--no-color'], dir);
      assertFinished(run, 1);
      assert.doesNotMatch(run.stdout + run.stderr, /X-Internal-Token-Name|zqplanted|nginx\/autoindex/);
      const notes = run.stdout
        .split('\n')
        .filter((line) => line.startsWith('conf/nginx.conf') && line.includes(' note: '));
      assert.deepEqual(notes, [
        "conf/nginx.conf:4:5: note: 2 files it refers to (`../../outside-include/secret.conf`, `snippets/linked.conf`) were not read: BLAH Security follows no path out of the project (or out of an nginx configuration's folder). What they set is not part of this analysis.",
      ]);
      const sarif = await cli(['scan', '.', '--format', 'sarif'], dir);
      assert.doesNotMatch(sarif.stdout, /X-Internal-Token-Name|zqplanted/);
      assert.match(sarif.stdout, /"level": "note",\s*"message": \{\s*"text": "conf\/nginx\.conf: 2 files it refers to/);
    },
  );

  it(
    'never opens a named pipe: .gitignore, .dockerignore, include target and nested config as FIFOs',
    { skip: !posix },
    async () => {
      const dir = project('fifos');
      mkfifo(join(dir, '.gitignore'));
      mkfifo(join(dir, '.dockerignore'));
      writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . .\n');
      mkdirSync(join(dir, 'nginx'));
      writeFileSync(join(dir, 'nginx', 'nginx.conf'), 'http {\n  include pipe.conf;\n  server { listen 80; }\n}\n');
      mkfifo(join(dir, 'nginx', 'pipe.conf'));
      mkdirSync(join(dir, 'sub'));
      mkfifo(join(dir, 'sub', '.gitignore'));
      mkfifo(join(dir, 'sub', '.blah-security.json'));
      writeFileSync(join(dir, 'sub', 'a.ts'), SECRET);
      const run = await cli(['scan', '.', '--no-color'], dir);
      assertFinished(run, 1);
      assert.match(run.stdout, /^sub\/a\.ts:1:\d+: error secret\/hardcoded-credential/m);
      assert.match(run.stdout, /^zz-sentinel\.ts:1:\d+: error secret\/hardcoded-credential/m);
    },
  );

  it(
    'says why a .blah-security.json that is a named pipe or a device was not read, and exits 2 at once',
    { skip: !posix },
    async () => {
      const fifo = project('config-fifo');
      mkfifo(join(fifo, '.blah-security.json'));
      const piped = await cli(['scan', '.', '--no-color'], fifo);
      assertFinished(piped, 2);
      assert.match(piped.stderr, /\.blah-security\.json: error: not read: a named pipe/);
      const device = project('config-device');
      symlinkSync('/dev/zero', join(device, '.blah-security.json'));
      const zero = await cli(['scan', '.', '--no-color'], device);
      assertFinished(zero, 2);
      assert.match(zero.stderr, /\.blah-security\.json: error: not read: a device/);
    },
  );

  it('bounds a huge configuration: over 1 MB it is not read, and "did you mean" is worked out for 50 ids only', async () => {
    const big = project('config-big');
    writeFileSync(
      join(big, '.blah-security.json'),
      JSON.stringify({ rules: { x: 'off' }, pad: 'x'.repeat(4 * 1024 * 1024) }),
    );
    const large = await cli(['scan', '.', '--no-color'], big);
    assertFinished(large, 2);
    assert.match(large.stderr, /\.blah-security\.json: error: larger than the 1024 KB limit \(4096 KB\)/);

    // Just under the limit: ~26,000 unknown rule ids, each worth an edit distance per known rule.
    const many = project('config-many');
    const entries: string[] = [];
    for (let i = 0, length = 0; length < 1000000; i++)
      length += entries[entries.push(`"secret/hardcoded-pasword-${i}":"off"`) - 1].length + 1;
    writeFileSync(join(many, '.blah-security.json'), `{"rules":{${entries.join(',')}}}`);
    const run = await cli(['scan', '.', '--no-color'], many);
    assertFinished(run, 1);
    assert.ok(run.ms < 15000, `the configuration took ${run.ms} ms`);
    assert.equal(run.stderr.match(/Unknown rule "/g)?.length, 50);
    assert.match(run.stderr, /\d+ more unknown rules in "rules" \(only the first 50 are named\)/);
  });

  it(
    'reads no configuration above the project: not from a folder others may write, nor above a folder outside any repository',
    { skip: !posix },
    async () => {
      // A shared, world-writable folder (as /tmp is) with a .git, a .gitignore and a configuration
      // that would switch the scan off, above a project without a .git of its own.
      const shared = join(scratch, 'shared');
      mkdirSync(join(shared, '.git'), { recursive: true });
      chmodSync(shared, 0o777);
      writeFileSync(join(shared, '.gitignore'), '*.ts\n');
      writeFileSync(
        join(shared, '.blah-security.json'),
        JSON.stringify({ ignore: ['**'], rules: { 'secret/hardcoded-credential': 'off' } }),
      );
      const below = join(shared, 'project');
      mkdirSync(below);
      writeFileSync(join(below, 'a.ts'), SECRET);
      const run = await cli(['scan', '.', '--no-color'], below);
      assertFinished(run, 1);
      assert.match(run.stdout, /^a\.ts:1:\d+: error secret\/hardcoded-credential/m);
      // Run from the shared folder, its configuration is above the scanned folder and not read, and the scan says so.
      const fromShared = await cli(['scan', 'project', '--no-color'], shared);
      assertFinished(fromShared, 1);
      assert.match(fromShared.stdout, /hardcoded-credential/);
      assert.match(
        fromShared.stderr,
        /\.blah-security\.json: not read: its folder belongs to another user or others may write to it/,
      );

      // A folder of this user, but no repository anywhere above: the scanned folder is the root.
      const outer = join(scratch, 'outer');
      mkdirSync(outer);
      writeFileSync(join(outer, '.gitignore'), '*.ts\n');
      const inner = join(outer, 'project');
      mkdirSync(inner);
      writeFileSync(join(inner, 'a.ts'), SECRET);
      const plain = await cli(['scan', '.', '--no-color'], inner);
      assertFinished(plain, 1);
      assert.match(plain.stdout, /^a\.ts:1:\d+: error secret\/hardcoded-credential/m);
    },
  );
});

describe('files the scan cannot read', () => {
  it(
    'fails the scan (exit 2) on a file whose name is not UTF-8, names it with its bytes, and lists it in SARIF',
    { skip: process.platform !== 'linux' },
    async () => {
      const dir = project('odd-names');
      // A name with a byte that is not UTF-8: decoded as text it would name another file.
      writeFileSync(Buffer.concat([Buffer.from(join(dir, 'bad')), Buffer.from([0xff]), Buffer.from('.ts')]), SECRET);
      writeFileSync(join(dir, 'binary.ts'), Buffer.from([0x63, 0, 0x6f]));
      const run = await cli(['scan', '.', '--no-color'], dir);
      assertFinished(run, 2);
      assert.match(run.stdout, /^bad\\xFF\.ts: error: cannot read: its name is not valid UTF-8$/m);
      assert.match(run.stdout, /1 file not fully analyzed/);
      assert.match(run.stdout, /^zz-sentinel\.ts:1:\d+: error secret\/hardcoded-credential/m);
      // Skipped on purpose (binary) is not a failure, and --verbose says why.
      assert.doesNotMatch(run.stdout, /binary\.ts/);
      const verbose = await cli(['scan', '.', '--no-color', '--verbose'], dir);
      assert.match(verbose.stdout, /^binary\.ts: skipped: binary content \(NUL bytes\)$/m);
      // Knowingly accepted, the scan decides on its findings alone.
      assertFinished(await cli(['scan', '.', '--no-color', '--allow-partial'], dir), 1);
      const sarif = await cli(['scan', '.', '--format', 'sarif'], dir);
      assertFinished(sarif, 2);
      const notifications = (
        JSON.parse(sarif.stdout) as {
          runs: Array<{
            invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
          }>;
        }
      ).runs[0].invocations[0].toolExecutionNotifications;
      assert.ok(
        notifications.some(
          (n) => n.level === 'error' && /bad\\xFF\.ts: cannot read: its name is not valid UTF-8/.test(n.message.text),
        ),
        JSON.stringify(notifications),
      );
      assert.ok(
        notifications.some((n) => n.level === 'note' && /binary\.ts: binary content/.test(n.message.text)),
        JSON.stringify(notifications),
      );
    },
  );

  it('fails the scan (exit 2) on a file and a folder it has no permission to read', { skip: !posix }, async () => {
    // Root reads every file whatever its mode: the scan then runs as another user, from a copy
    // of the built CLI that user can read.
    const asRoot = process.getuid?.() === 0;
    const base = mkdtempSync(join(tmpdir(), 'blah-unreadable-'));
    try {
      chmodSync(base, 0o755);
      let as: { bin: string; uid: number; gid: number } | undefined;
      if (asRoot) {
        const copy = join(base, 'cli');
        mkdirSync(copy);
        cpSync(join(repo, 'bin'), join(copy, 'bin'), { recursive: true });
        cpSync(join(repo, 'dist'), join(copy, 'dist'), {
          recursive: true,
          filter: (source) => !source.endsWith('.map'),
        });
        as = { bin: join(copy, 'bin', 'blah-security.js'), uid: 65534, gid: 65534 };
      }
      const dir = join(base, 'project');
      mkdirSync(join(dir, '.git'), { recursive: true });
      writeFileSync(join(dir, 'zz-sentinel.ts'), SECRET);
      writeFileSync(join(dir, 'locked.ts'), SECRET);
      chmodSync(join(dir, 'locked.ts'), 0o000);
      mkdirSync(join(dir, 'closed'));
      writeFileSync(join(dir, 'closed', 'inside.ts'), SECRET);
      chmodSync(join(dir, 'closed'), 0o000);
      chmodSync(dir, 0o777);
      const run = await cli(['scan', '.', '--no-color'], dir, as);
      assertFinished(run, 2);
      assert.match(run.stdout, /^locked\.ts: error: cannot read \(EACCES\)$/m);
      assert.match(run.stdout, /^closed: error: cannot read folder \(EACCES\)$/m);
      assert.match(run.stdout, /^zz-sentinel\.ts:1:\d+: error secret\/hardcoded-credential/m);
      assert.match(run.stdout, /2 files not fully analyzed/);
      chmodSync(join(dir, 'closed'), 0o755);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('what the text report prints', () => {
  it(
    'escapes control characters of file names and file text: no ESC reaches the terminal and no line is forged',
    { skip: !posix },
    async () => {
      const dir = project('escapes');
      // A name that clears the screen, retitles the terminal and starts a fake finding line.
      const evil = 'a\u001b[2J\u001b]0;owned\u0007\nforged.ts:1:1: error fake\u202e.ts';
      writeFileSync(join(dir, evil), SECRET);
      writeFileSync(
        join(dir, 'Dockerfile'),
        'FROM node:20\nENV API_\u001b[31mTOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\nUSER node\n',
      );
      const run = await cli(['scan', '.', '--no-color'], dir);
      assertFinished(run, 1);
      for (const [name, out] of [
        ['stdout', run.stdout],
        ['stderr', run.stderr],
      ] as const) {
        assert.ok(!out.includes('\u001b'), `${name} holds no ESC`);
        assert.ok(!/[\u0007\u202e]/.test(out), `${name} holds no BEL or bidi override`);
      }
      assert.doesNotMatch(run.stdout, /^forged\.ts/m, 'the file name forges no line of its own');
      assert.match(
        run.stdout,
        /a\\x1B\[2J\\x1B\]0;owned\\x07\\x0Aforged\.ts:1:1: error fake\\u202E\.ts:1:\d+: error secret\/hardcoded-credential/,
      );
    },
  );
});

describe('a checkout another user owns', () => {
  it(
    'is trusted by root when others may not write it (as CI containers run on a runner checkout)',
    { skip: process.getuid?.() !== 0 },
    async () => {
      const checkout = join(scratch, 'runner-checkout');
      mkdirSync(join(checkout, '.git'), { recursive: true });
      mkdirSync(join(checkout, 'src'));
      writeFileSync(
        join(checkout, '.blah-security.json'),
        JSON.stringify({ rules: { 'secret/hardcoded-credential': 'off' } }),
      );
      writeFileSync(join(checkout, 'src', 'a.ts'), SECRET);
      // Owned by "nobody" (65534), mode 755: the repository's configuration applies to a scan of src.
      execFileSync('chown', ['-R', '65534', checkout]);
      const run = await cli(['scan', 'src', '--no-color'], checkout);
      assertFinished(run, 0);
      assert.match(run.stdout, /No problems found in 1 file/);
    },
  );
});

describe('a hostile repository and the language server', () => {
  it(
    'scans a workspace of devices, pipes and a backtracking glob, and still answers shutdown',
    { skip: !posix },
    async () => {
      const dir = project('lsp-workspace');
      writeFileSync(join(dir, '.gitignore'), `${EVIL_GLOB}\n`);
      writeFileSync(join(dir, LONG_NAME), SECRET);
      mkdirSync(join(dir, 'nginx'));
      const includes = Array.from({ length: 32 }, () => `  include ${toRoot}dev/zero;`).join('\n');
      writeFileSync(
        join(dir, 'nginx', 'nginx.conf'),
        `http {\n${includes}\n  include zero.conf;\n  include pipe.conf;\n}\n`,
      );
      symlinkSync('/dev/zero', join(dir, 'nginx', 'zero.conf'));
      mkfifo(join(dir, 'nginx', 'pipe.conf'));
      writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . .\n');
      mkfifo(join(dir, '.dockerignore'));
      mkdirSync(join(dir, 'sub'));
      mkfifo(join(dir, 'sub', '.gitignore'));
      symlinkSync('/dev/zero', join(dir, 'sub', '.blah-security.json'));
      writeFileSync(join(dir, 'sub', 'a.ts'), SECRET);
      // A .dockerignore linked outside the workspace folder is not read.
      const outside = join(scratch, 'outside-lsp');
      mkdirSync(outside);
      writeFileSync(join(outside, 'dockerignore'), '*\n**\n');
      mkdirSync(join(dir, 'linked'));
      symlinkSync(join(outside, 'dockerignore'), join(dir, 'linked', '.dockerignore'));
      writeFileSync(join(dir, 'linked', 'Dockerfile'), 'FROM node:20\nCOPY . .\n');
      const client = await LspTestClient.start({ rootUri: pathToFileURL(dir).href.replace(/\/$/, '') });
      try {
        const hasSecret = (p: { diagnostics: Array<{ code?: number | string }> }): boolean =>
          p.diagnostics.some((d) => d.code === 'secret/hardcoded-credential');
        await Promise.all([
          client.waitForDiagnostics(pathToFileURL(join(dir, 'zz-sentinel.ts')).href, hasSecret, 20000),
          client.waitForDiagnostics(pathToFileURL(join(dir, 'sub', 'a.ts')).href, hasSecret, 20000),
          client.waitForDiagnostics(pathToFileURL(join(dir, LONG_NAME)).href, hasSecret, 20000),
          client.waitForDiagnostics(
            pathToFileURL(join(dir, 'linked', 'Dockerfile')).href,
            (p) =>
              p.diagnostics.some((d) => d.code === 'docker/copies-secrets' && /no \.dockerignore/.test(messageText(d))),
            20000,
          ),
        ]);
        // Open, the file says once that its .dockerignore was not read.
        const linked = pathToFileURL(join(dir, 'linked', 'Dockerfile')).href;
        const opened = await client.open(linked, 'dockerfile', 'FROM node:20\nCOPY . .\n');
        assert.deepEqual(
          opened.diagnostics
            .filter((d) => /was not read/.test(messageText(d)))
            .map((d) => [d.severity, messageText(d)]),
          [
            [
              3,
              "`.dockerignore` was not read: BLAH Security follows no path out of the project (or out of an nginx configuration's folder). What it sets is not part of this analysis.",
            ],
          ],
        );
        const code = await Promise.race([
          client.shutdown(),
          new Promise<string>((resolve) => setTimeout(() => resolve('no answer to shutdown'), 10000)),
        ]);
        assert.equal(code, 0);
      } finally {
        client.kill();
      }
    },
  );

  it(
    'reads no configuration for a file outside every workspace folder from a folder others may write',
    { skip: !posix },
    async () => {
      const shared = join(scratch, 'shared-lsp');
      mkdirSync(join(shared, 'project'), { recursive: true });
      chmodSync(shared, 0o777);
      writeFileSync(
        join(shared, '.blah-security.json'),
        JSON.stringify({ rules: { 'secret/hardcoded-credential': 'off' } }),
      );
      const file = pathToFileURL(join(shared, 'project', 'a.ts')).href;
      const client = await LspTestClient.start();
      try {
        const published = await client.open(file, 'typescript', SECRET);
        assert.ok(
          published.diagnostics.some((d) => d.code === 'secret/hardcoded-credential'),
          'the planted configuration switched the rule off',
        );
      } finally {
        client.kill();
      }
    },
  );

  it('exits with a clear line when a frame stays incomplete (a Content-Length longer than its body)', async () => {
    const child = spawn(process.execPath, [serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, BLAH_SECURITY_PARTIAL_MESSAGE_MS: '500' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    const body = '{"jsonrpc":"2.0","id":1,"method":"shutdown"}';
    child.stdin.write(`Content-Length: ${body.length + 100}\r\n\r\n${body}`);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    const status = await exited;
    clearTimeout(timer);
    assert.equal(status, 1, `the server did not exit on its own; stderr: ${stderr}`);
    assert.match(stderr, /a message stayed incomplete for 0\.5 s .*exiting/);
  });
});
