// What a new user meets on the first scan of a real repository: nginx files under the names real
// projects give them (and other .conf formats left alone), files named on the command line, scans
// that find nothing, nested configuration files, and the progress bar on a terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const repo = join(__dirname, '..', '..');
const bin = join(repo, 'bin', 'blah-security.js');

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  files: Array<{ path: string; findings: Array<{ ruleId: string; severity: string }>; skipped?: string }>;
}

function json(args: string[], cwd: string): { status: number | null; report: JsonReport; stderr: string } {
  const { status, stdout, stderr } = cli([...args, '--format', 'json'], cwd);
  return { status, report: JSON.parse(stdout) as JsonReport, stderr };
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const vhost =
  'server {\n  listen 80;\n  server_name shop.example.org;\n  autoindex on;\n  location / { root /srv/www; }\n}\n';
const nginxLayout: Record<string, string> = {
  'deploy/site.conf': vhost,
  'nginx/default.conf': vhost,
  'nginx/proxy_params': 'proxy_set_header Host $host;\nproxy_set_header X-Real-IP $remote_addr;\n',
  'sites-available/default': vhost,
  'sites-enabled/shop.example.org': vhost,
  'docker/templates/default.conf.template':
    'server {\n  listen ${PORT};\n  autoindex on;\n  location / { root /srv/www; }\n}\n',
  'ansible/nginx/site.conf.j2': 'server {\n  server_name {{ domain }};\n  autoindex on;\n}\n',
  // Other formats with the same suffixes, in the same kinds of folders.
  'supervisor/conf.d/worker.conf': '[program:worker]\ncommand=/usr/bin/node worker.js\nautorestart=true\n',
  'systemd/app.service.d/override.conf': '[Service]\nEnvironment=NODE_ENV=production\n',
  'apache/sites-available/shop.conf':
    '<VirtualHost *:80>\n  ServerName shop.example.org\n  DocumentRoot /var/www\n</VirtualHost>\n',
  'etc/app.conf': 'host = db.internal\nport = 5432\n',
  'conf.d/README.md': '# notes\n',
};

describe('nginx files by name and content', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'blah-first-run-'));
    writeTree(root, nginxLayout);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds nginx files at any name a repository gives them, and leaves other .conf formats alone (root scan)', () => {
    const { status, report } = json(['scan', '.', '--verbose'], root);
    assert.equal(status, 0);
    const byPath = new Map(report.files.map((f) => [f.path, f]));
    for (const path of [
      'deploy/site.conf',
      'nginx/default.conf',
      'sites-available/default',
      'sites-enabled/shop.example.org',
      'docker/templates/default.conf.template',
    ]) {
      assert.ok(
        byPath.get(path)?.findings.some((f) => f.ruleId === 'nginx/autoindex'),
        `${path} is analyzed as nginx`,
      );
    }
    assert.ok(
      byPath.has('nginx/proxy_params') && !byPath.get('nginx/proxy_params')!.skipped,
      'a snippet without an extension is analyzed',
    );
    assert.equal(
      byPath.get('ansible/nginx/site.conf.j2')?.skipped,
      'a Jinja template: its placeholders are not nginx syntax',
    );
    for (const path of [
      'supervisor/conf.d/worker.conf',
      'systemd/app.service.d/override.conf',
      'apache/sites-available/shop.conf',
      'etc/app.conf',
      'conf.d/README.md',
    ]) {
      assert.ok(!byPath.has(path), `${path} is not nginx and not listed`);
    }
  });

  it('scans a folder called nginx and a sites-available folder', () => {
    const nginx = json(['scan', 'nginx'], root).report.files.map((f) => f.path);
    assert.deepEqual(nginx.sort(), ['nginx/default.conf', 'nginx/proxy_params']);
    const sites = json(['scan', 'sites-available'], root);
    assert.deepEqual(
      sites.report.files.map((f) => f.path),
      ['sites-available/default'],
    );
  });

  it('analyzes a file named on the command line when its language can be told, and exits 2 when not', () => {
    for (const path of ['deploy/site.conf', 'sites-available/default', 'docker/templates/default.conf.template']) {
      const { status, stdout } = cli(['scan', path, '--no-color'], root);
      assert.equal(status, 0, path);
      assert.match(stdout, /nginx\/autoindex/, path);
    }
    const trap = cli(['scan', 'supervisor/conf.d/worker.conf'], root);
    assert.equal(trap.status, 2);
    assert.match(trap.stderr, /supervisor\/conf\.d\/worker\.conf: skipped: its language cannot be told.*--language/);
  });

  it('reads a file as the language --language names, and as the project maps it', () => {
    writeFileSync(join(root, 'deploy', 'site.tmpl'), vhost);
    const unnamed = cli(['scan', 'deploy/site.tmpl'], root);
    assert.equal(unnamed.status, 2);
    const named = cli(['scan', 'deploy/site.tmpl', '--language', 'nginx', '--no-color'], root);
    assert.equal(named.status, 0, named.stderr);
    assert.match(named.stdout, /deploy\/site\.tmpl:4:3: warning nginx\/autoindex/);
    assert.equal(cli(['scan', 'deploy/site.tmpl', '--language', 'python'], root).status, 2);
    const mapped = mkdtempSync(join(tmpdir(), 'blah-mapped-'));
    try {
      writeTree(mapped, {
        'deploy/site.tmpl': vhost,
        'ops/build': 'FROM node:latest\nCMD ["node"]\n',
        '.blah-security.json': '{ "languages": { "deploy/*.tmpl": "nginx", "ops/build": "dockerfile" } }\n',
      });
      const { report } = json(['scan', '.'], mapped);
      assert.ok(
        report.files.find((f) => f.path === 'deploy/site.tmpl')?.findings.some((f) => f.ruleId === 'nginx/autoindex'),
      );
      assert.ok(
        report.files.find((f) => f.path === 'ops/build')?.findings.some((f) => f.ruleId === 'docker/latest-tag'),
      );
    } finally {
      rmSync(mapped, { recursive: true, force: true });
    }
  });
});

describe('scans that analyze nothing', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'blah-empty-'));
    writeTree(root, { 'docs/README.md': '# docs\n', 'src/app.ts': 'export const x = 1;\n' });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('exit 2 with a clear message, unless --allow-empty', () => {
    const empty = cli(['scan', 'docs'], root);
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /nothing was analyzed in docs.*--allow-empty/);
    assert.equal(cli(['scan', 'docs', '--allow-empty'], root).status, 0);
    const mistyped = cli(['scan', 'src/ap.ts'], root);
    assert.equal(mistyped.status, 2);
    assert.match(mistyped.stderr, /cannot read src\/ap\.ts: no such file or folder/);
    assert.equal(cli(['scan', 'src'], root).status, 0, 'a scan that analyzed a file passes');
  });
});

describe('nested .blah-security.json', () => {
  let root: string;
  const password = "export const password = 'SuperSecret123!';\n";
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'blah-nested-'));
    writeTree(root, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.blah-security.json': '{ "rules": { "secret/hardcoded-password": "off", "docker/latest-tag": "error" } }\n',
      'web/a.ts': password,
      'svc/.blah-security.json': '{ "rules": { "secret/hardcoded-password": "error" }, "ignore": ["legacy/"] }\n',
      'svc/b.ts': password,
      'svc/legacy/c.ts': password,
      'svc/Dockerfile': 'FROM node:latest\nUSER node\nCMD ["node"]\n',
      'tools/.blah-security.json': '{ "root": true }\n',
      'tools/Dockerfile': 'FROM node:latest\nUSER node\nCMD ["node"]\n',
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const findings = (report: JsonReport, path: string): string[] =>
    report.files.find((f) => f.path === path)?.findings.map((f) => `${f.ruleId}:${f.severity}`) ?? [];

  it('applies the nearest file merged with those above it, in a scan of the whole tree', () => {
    const { report } = json(['scan', '.'], root);
    assert.deepEqual(findings(report, 'web/a.ts'), [], 'the root file turns the rule off');
    assert.deepEqual(findings(report, 'svc/b.ts'), ['secret/hardcoded-password:error'], 'svc turns it back on');
    assert.ok(!report.files.some((f) => f.path === 'svc/legacy/c.ts'), "svc's ignore applies below svc");
    assert.ok(
      findings(report, 'svc/Dockerfile').includes('docker/latest-tag:error'),
      "the root's severity still applies in svc",
    );
    assert.ok(
      findings(report, 'tools/Dockerfile').includes('docker/latest-tag:warning'),
      '"root": true stops at tools',
    );
  });

  it('applies the same files when a subfolder or a single file is scanned', () => {
    assert.deepEqual(findings(json(['scan', 'svc'], root).report, 'svc/b.ts'), ['secret/hardcoded-password:error']);
    assert.ok(
      findings(json(['scan', 'svc/Dockerfile'], root).report, 'svc/Dockerfile').includes('docker/latest-tag:error'),
    );
    assert.deepEqual(findings(json(['scan', 'web/a.ts'], root).report, 'web/a.ts'), []);
  });
});

/** What a terminal shows for one line of output: `\r` returns to column 0, `ESC[K` erases to the end. */
function rendered(line: string): string {
  let screen = '';
  let cursor = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\r') cursor = 0;
    else if (line.startsWith('\u001b[K', i)) {
      screen = screen.slice(0, cursor);
      i += 2;
    } else {
      screen = screen.slice(0, cursor) + line[i] + screen.slice(cursor + 1);
      cursor++;
    }
  }
  return screen;
}

describe('the progress bar on a terminal', () => {
  // `script` runs the CLI on a pseudo-terminal, as a developer's shell does.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  for (const target of ['examples/insecure-mcp-server', 'examples/insecure-mcp-server/src/server.ts']) {
    it(
      `is cleared before findings print, so no line is half bar and half finding (${target.includes('.ts') ? 'one file' : 'a folder'})`,
      { skip: hasScript ? false : 'util-linux `script` is not installed' },
      () => {
        const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} scan ${target} --no-color`;
        const result = spawnSync('script', ['-qec', command, '/dev/null'], {
          cwd: repo,
          encoding: 'utf8',
          timeout: 60000,
        });
        const lines = result.stdout.split('\n').map(rendered);
        const findingLines = lines.filter((l) => /:\d+:\d+: (?:error|warning|info|hint) /.test(l));
        assert.ok(findingLines.length > 5, result.stdout.slice(0, 500));
        for (const line of findingLines)
          assert.match(
            line,
            /^examples\/insecure-mcp-server\/\S+:\d+:\d+: /,
            `the line shows more than the finding: ${JSON.stringify(line.slice(0, 120))}`,
          );
        assert.ok(!lines.some((l) => /\] \d+\/\d+ files./.test(l)), 'nothing is printed after a bar on its line');
      },
    );
  }
});
