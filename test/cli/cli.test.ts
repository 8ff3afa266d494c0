// The CLI as CI runs it: the built bin, real files, exit codes, and SARIF checked against the
// SARIF 2.1.0 JSON schema.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { assertValidSarif } from '../helpers/sarif';

const repo = join(__dirname, '..', '..');
const bin = join(repo, 'bin', 'blah-security.js');
const dockerRules = [
  'docker/add-remote',
  'docker/chmod-777',
  'docker/copies-secrets',
  'docker/curl-pipe-shell',
  'docker/expose-ssh',
  'docker/latest-tag',
  'docker/missing-healthcheck',
  'docker/npm-install',
  'docker/root-user',
  'docker/secret-in-env',
  'docker/sudo',
  'docker/untrusted-registry',
];
const nginxRules = [
  'nginx/add-header-redefinition',
  'nginx/alias-traversal',
  'nginx/autoindex',
  'nginx/dotfiles-exposed',
  'nginx/host-spoofing',
  'nginx/http-splitting',
  'nginx/listen-without-tls',
  'nginx/missing-hsts',
  'nginx/missing-proxy-headers',
  'nginx/missing-security-headers',
  'nginx/origin-regex',
  'nginx/server-tokens',
  'nginx/ssl-listen-missing-ssl',
  'nginx/ssrf',
  'nginx/unlimited-body',
  'nginx/weak-ciphers',
  'nginx/weak-tls-protocols',
];
const projectRules = [
  'project/env-not-ignored',
  'project/keys-not-ignored',
  'project/placeholder-secret',
  'project/env-example-has-secrets',
  'pkg/unpinned-dependency',
  'pkg/missing-lockfile',
];
const firstRules = [
  'secret/hardcoded-credential',
  'secret/hardcoded-password',
  'secret/env-fallback',
  'ts/sensitive-data-logged',
  'ts/error-details-leaked',
  'ts/sql-injection',
  'ts/weak-path-check',
];

function cli(args: string[], cwd = repo): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'blah-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('blah-security scan', () => {
  it('finds every first-rule anti-pattern in the insecure example, as valid SARIF', () => {
    const { status, stdout } = cli(['scan', 'examples/insecure-mcp-server', '--format', 'sarif']);
    assert.equal(status, 1);
    const log = assertValidSarif(stdout);
    const run = log.runs[0];
    const found = new Set(run.results.map((r) => r.ruleId));
    for (const id of [...firstRules, ...dockerRules, ...nginxRules, ...projectRules])
      assert.ok(found.has(id), `no ${id} result`);
    // The app limits requests itself (express-rate-limit), which answers nginx's missing limit_req.
    assert.ok(!found.has('nginx/missing-rate-limit'), 'an app-level limiter clears nginx/missing-rate-limit');
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    for (const id of [
      ...firstRules,
      ...dockerRules,
      ...nginxRules,
      'nginx/syntax',
      'nginx/unknown-directive',
      'nginx/wrong-context',
    ]) {
      assert.ok(ruleIds.includes(id), `${id} missing from tool.driver.rules`);
    }
    const dockerResult = run.results.find((r) => r.ruleId === 'docker/secret-in-env')!;
    assert.equal(
      dockerResult.locations[0].physicalLocation.artifactLocation.uri,
      'examples/insecure-mcp-server/Dockerfile',
    );
    const first = run.results[0].locations[0].physicalLocation;
    assert.match(first.artifactLocation.uri, /^examples\/insecure-mcp-server\//);
    assert.ok(first.region.startLine >= 1 && first.region.startColumn >= 1);
    assert.ok(!stdout.includes('sk-1234567890abcdef'), 'SARIF never carries a full secret');
  });

  it('decides nginx/missing-rate-limit from the whole project', () => {
    const alone = JSON.parse(cli(['scan', 'examples/insecure-mcp-server/nginx.conf', '--format', 'json']).stdout) as {
      files: Array<{ findings: Array<{ ruleId: string }> }>;
    };
    assert.ok(
      alone.files[0].findings.some((f) => f.ruleId === 'nginx/missing-rate-limit'),
      'nginx.conf alone has no limiter in front of the app',
    );
  });

  it('follows an included snippet into the snippets it includes, and reads nothing outside the scan', () => {
    const root = join(scratch, 'nested-includes');
    mkdirSync(join(root, 'site', 'snippets'), { recursive: true });
    writeFileSync(join(root, 'site', 'nginx.conf'), 'events {}\nhttp {\n  include sites/*.conf;\n}\n');
    mkdirSync(join(root, 'site', 'sites'), { recursive: true });
    const location = (include: string): string =>
      `server {\n  listen 127.0.0.1:8080;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n    include ${include};\n  }\n}\n`;
    writeFileSync(join(root, 'site', 'sites', 'app.conf'), location('snippets/proxy.conf'));
    // proxy.conf only includes another snippet, which forgets the client's address.
    writeFileSync(join(root, 'site', 'snippets', 'proxy.conf'), 'include snippets/headers.conf;\n');
    writeFileSync(join(root, 'site', 'snippets', 'headers.conf'), 'proxy_set_header Host $host;\n');
    const rulesOf = (target: string, cwd: string, name: string): string[] => {
      const report = JSON.parse(cli(['scan', target, '--format', 'json'], cwd).stdout) as {
        files: Array<{ path: string; findings: Array<{ ruleId: string }> }>;
      };
      return (report.files.find((f) => f.path.endsWith(name))?.findings ?? []).map((f) => f.ruleId);
    };
    assert.ok(rulesOf(join(root, 'site'), scratch, 'app.conf').includes('nginx/missing-proxy-headers'));
    // Scanned from a folder outside the tree (no repository around it), a scan of sites/ reads nothing
    // above sites/: the snippets stay unread, so the block is unknown and nothing is said there.
    const elsewhere = mkdtempSync(join(tmpdir(), 'blah-cwd-'));
    try {
      const alone = rulesOf(join(root, 'site', 'sites'), elsewhere, 'app.conf');
      assert.ok(!alone.includes('nginx/missing-proxy-headers'), alone.join(', '));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('prints the checklist with --checklist and puts it in JSON', () => {
    const text = cli(['scan', 'examples/secure-mcp-server', '--checklist', '--no-color']);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /Security checklist: \d+ passed, 0 failed/);
    assert.match(
      text.stdout,
      /\[PASS\] Rate limiting configured\n(?:\s+.*\n)*?\s+express-rate-limit in src\/server\.ts:\d+/,
    );
    const json = JSON.parse(cli(['scan', 'examples/insecure-mcp-server', '--format', 'json']).stdout) as {
      checklist: Array<{ id: string; status: string; findings: Array<{ ruleId: string; path: string }> }>;
    };
    assert.equal(json.checklist.length, 11);
    const secrets = json.checklist.find((i) => i.id === 'no-hardcoded-secrets')!;
    assert.equal(secrets.status, 'failed');
    assert.ok(
      secrets.findings.some(
        (f) => f.ruleId === 'project/placeholder-secret' && f.path === 'examples/insecure-mcp-server/.env',
      ),
    );
  });

  it('reports nothing on the secure example and exits 0', () => {
    const { status, stdout } = cli(['scan', 'examples/secure-mcp-server', '--format', 'sarif']);
    assert.equal(status, 0);
    const log = assertValidSarif(stdout);
    assert.deepEqual(log.runs[0].results, []);
  });

  it('prints compiler-like text with a summary', () => {
    const { status, stdout } = cli(['scan', 'examples/insecure-mcp-server/src/db.ts']);
    assert.equal(status, 1);
    assert.match(
      stdout,
      /^examples\/insecure-mcp-server\/src\/db\.ts:8:33: error ts\/sql-injection SQL is built from 'userId'\./m,
    );
    assert.match(stdout, /problems \(\d+ errors, \d+ warnings?, \d+ info\) in 1 file\./);
  });

  it('writes JSON to --output and decides the exit status with --fail-on', () => {
    const out = join(scratch, 'reports', 'result.json');
    const errorsOnly = cli(['scan', 'examples/insecure-mcp-server/src/files.ts', '--format', 'json', '--output', out]);
    assert.equal(errorsOnly.status, 0, 'a warning alone does not fail at the default --fail-on error');
    assert.equal(errorsOnly.stdout, '');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.files[0].findings[0].ruleId, 'ts/weak-path-check');
    assert.equal(report.summary.warning, 1);
    const strict = cli(['scan', 'examples/insecure-mcp-server/src/files.ts', '--fail-on', 'warning']);
    assert.equal(strict.status, 1);
  });

  it('exits 2 with a clear message on usage errors and unreadable input', () => {
    const unknown = cli(['scan', '--format', 'xml']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--format must be text, json or sarif/);
    const missing = cli(['scan', 'no/such/folder']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read no\/such\/folder: no such file or folder/);
    const none = cli([]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /Usage: blah-security scan/);
    assert.equal(cli(['--help']).status, 0);
  });

  it('honours .gitignore, skips node_modules, and applies .blah-security.json', () => {
    const project = join(scratch, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    mkdirSync(join(project, 'node_modules', 'dep'), { recursive: true });
    mkdirSync(join(project, 'generated'), { recursive: true });
    mkdirSync(join(project, 'vendor'), { recursive: true });
    const secret = "export const apiKey = 'sk-1234567890abcdef';\n";
    writeFileSync(join(project, 'src', 'a.ts'), secret + "export const password = 'SuperSecret123!';\n");
    writeFileSync(join(project, 'node_modules', 'dep', 'index.js'), secret);
    writeFileSync(join(project, 'generated', 'b.ts'), secret);
    writeFileSync(join(project, 'vendor', 'c.ts'), secret);
    writeFileSync(join(project, '.gitignore'), 'generated/\n');
    writeFileSync(
      join(project, '.blah-security.json'),
      '// project settings\n{ "rules": { "secret/hardcoded-password": "off" }, "ignore": ["vendor/"] }\n',
    );
    const { stdout } = cli(['scan', '.', '--format', 'json'], project);
    const report = JSON.parse(stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string }> }> };
    assert.deepEqual(
      report.files.map((f) => [f.path, f.findings.map((x) => x.ruleId)]),
      // The configuration's ignore prunes the walk as .gitignore does: vendor/ is not listed at all.
      [['src/a.ts', ['secret/hardcoded-credential']]],
    );
  });

  it('exits 2 on an invalid .blah-security.json, naming the place', () => {
    const project = join(scratch, 'bad-config');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'a.ts'), 'export {};\n');
    writeFileSync(join(project, '.blah-security.json'), '{ "rules": { "ts/sql-injection": "loud" } }');
    const { status, stderr } = cli(['scan', '.'], project);
    assert.equal(status, 2);
    assert.match(stderr, /\.blah-security\.json:1:34: error: Severity of "ts\/sql-injection"/);
  });

  it('skips binary, oversized and undecodable files with a note, and analyzes broken syntax partially', (t) => {
    const project = join(scratch, 'bad-input');
    mkdirSync(project, { recursive: true });
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 256;
    writeFileSync(join(project, 'random.ts'), random);
    writeFileSync(join(project, 'bundle.min.js'), 'var a=1;'.repeat((10 * 1024 * 1024) / 8));
    writeFileSync(join(project, 'broken.ts'), "const apiKey = 'sk-1234567890abcdef';\nfunction ( {{{\n");
    writeFileSync(
      join(project, 'utf16.ts'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("const apiKey = 'sk-1234567890abcdef';\n", 'utf16le')]),
    );
    const started = performance.now();
    const { status, stdout } = cli(['scan', '.', '--verbose'], project);
    t.diagnostic(`scan of the bad input: ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(status, 1);
    assert.match(stdout, /bundle\.min\.js: skipped: larger than the 2048 KB limit/);
    assert.match(stdout, /random\.ts: skipped: binary content/);
    assert.match(stdout, /broken\.ts:1:17: error secret\/hardcoded-credential/);
    assert.match(stdout, /utf16\.ts:1:17: error secret\/hardcoded-credential/);
    assert.match(stdout, /2 files skipped/);
  });

  it('gives the same output in the same order with one or several worker threads, and no progress bar on a pipe', () => {
    const single = cli(['scan', 'examples', 'test/rules/ts', '--jobs', '1']);
    const pooled = cli(['scan', 'examples', 'test/rules/ts', '--jobs', '3']);
    assert.equal(pooled.stdout, single.stdout);
    assert.ok(single.stdout.split('\n').length > 50);
    assert.equal(pooled.stderr, '', 'nothing on stderr when it is not a terminal');
    assert.equal(cli(['scan', 'examples', '--jobs', '0']).status, 2);
  });

  it('hands results back in task order whatever finishes first, with a bounded number in flight', async () => {
    const { runTasks } = await import('../../server/src/host/pool');
    const results: string[] = [];
    let inFlight = 0;
    let most = 0;
    await runTasks(8, {
      // Later tasks finish first; task 3 is skipped before it reaches the analyzer.
      analyze: async (job) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 40 - 4 * Number(job.input.path)));
        inFlight--;
        return { findings: [], facts: [], ruleErrors: [], skipped: job.input.path };
      },
      inFlight: 3,
      prepare: (index) =>
        index === 3 ? { skipped: 'not ours' } : { job: { input: { path: String(index), text: '' }, settings: {} } },
      onResult: (index, outcome) => results.push(`${index}:${outcome.skipped}`),
    });
    assert.deepEqual(results, ['0:0', '1:1', '2:2', '3:not ours', '4:4', '5:5', '6:6', '7:7']);
    assert.equal(most, 3);
  });

  it('lists the rules', () => {
    const { status, stdout } = cli(['rules', '--format', 'json']);
    assert.equal(status, 0);
    const rules = JSON.parse(stdout) as Array<{ id: string; docs: string }>;
    for (const id of firstRules) assert.ok(rules.some((r) => r.id === id));
  });
});
