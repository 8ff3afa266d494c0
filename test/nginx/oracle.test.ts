// Debian's nginx as an oracle: every valid nginx fixture, every fixed snapshot and the examples
// must pass `nginx -t`; and where our own validation rules reject a file, nginx must reject it
// too. Installs nothing: .ci/run installs nginx with apt. Without nginx on PATH the test is
// skipped with that reason.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { isKnownThirdParty } from '../../server/src/languages/nginx/directives';
import { allDirectives, parseNginx } from '../../server/src/languages/nginx/parser';

const repo = join(__dirname, '..', '..');
const nginx =
  ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ??
  (spawnSync('sh', ['-c', 'command -v nginx']).stdout?.toString().trim() || undefined);
const skip = nginx ? false : 'nginx is not installed here (.ci/run installs it with apt-get)';
const streamModule = '/usr/lib/nginx/modules/ngx_stream_module.so';

function nginxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...nginxFiles(path));
    else if (/\.nginx$|nginx\.conf$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

describe('nginx -t accepts what we call valid', { skip }, () => {
  const prefix = mkdtempSync(join(tmpdir(), 'blah-nginx-'));
  after(() => rmSync(prefix, { recursive: true, force: true }));
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const cert = join(prefix, 'cert.pem');
  const key = join(prefix, 'key.pem');
  if (nginx) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=blah-security-test',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
  }

  /** A complete configuration nginx -t can check, with test paths for pid, logs and certificates. */
  function testable(text: string, dir: string): string {
    const config = parseNginx(text);
    const top = config.directives[0]?.parent;
    let body = text.replace(/\/etc\/ssl\/[\w.-]+\.pem/g, cert).replace(/\/etc\/ssl\/[\w.-]+\.key/g, key);
    // Relative includes resolve beside the fixture, as the analysis resolves them.
    body = body.replace(
      /^(\s*include\s+)([^/\s;][^\s;]*);/gm,
      (_m, lead: string, target: string) => `${lead}${join(dir, target)};`,
    );
    if (top?.virtual && top.name === 'server') body = `server {\nlisten 127.0.0.1:18080;\n${body}\n}`;
    if (top?.virtual) body = `events {}\nhttp {\n${body}\n}`;
    const header = [`pid ${join(prefix, 'nginx.pid')};`, `error_log ${join(prefix, 'logs', 'error.log')};`];
    if (/^\s*stream\s*\{/m.test(body) && existsSync(streamModule)) header.unshift(`load_module ${streamModule};`);
    return header.join('\n') + '\n' + body;
  }

  function check(path: string): { ok: boolean; output: string } {
    const file = join(prefix, 'test.conf');
    writeFileSync(file, testable(readFileSync(path, 'utf8'), dirname(path)));
    const result = spawnSync(nginx!, ['-t', '-q', '-p', prefix, '-c', file], { encoding: 'utf8' });
    return { ok: result.status === 0, output: (result.stderr || result.stdout).trim() };
  }

  const candidates = [
    ...nginxFiles(join(repo, 'test', 'rules', 'nginx')).filter((p) => /\/valid[^/]*$|\.fixed\./.test(p)),
    join(repo, 'examples', 'insecure-mcp-server', 'nginx.conf'),
    join(repo, 'examples', 'secure-mcp-server', 'nginx.conf'),
  ];

  for (const path of candidates) {
    const name = relative(repo, path);
    const text = readFileSync(path, 'utf8');
    const thirdParty = [...allDirectives(parseNginx(text).directives)]
      .filter((d) => isKnownThirdParty(d.name))
      .map((d) => d.name);
    if (thirdParty.length > 0) {
      it(
        `${name} (uses third-party directives: ${[...new Set(thirdParty)].join(', ')})`,
        { skip: 'Debian\u2019s nginx does not include these third-party modules' },
        () => {},
      );
      continue;
    }
    const ours = analyze({ path: name, text }).findings.filter((f) =>
      ['nginx/syntax', 'nginx/unknown-directive', 'nginx/wrong-context'].includes(f.ruleId),
    );
    if (ours.length > 0) {
      it(`${name}: nginx -t rejects it too (we report ${ours.map((f) => f.ruleId).join(', ')})`, () => {
        assert.equal(check(path).ok, false, 'our validation rejects this file but nginx -t accepts it');
      });
      continue;
    }
    it(`${name}: nginx -t accepts it`, () => {
      const { ok, output } = check(path);
      assert.ok(ok, output);
    });
  }

  it('rejects what nginx/syntax and nginx/wrong-context reject', () => {
    for (const path of nginxFiles(join(repo, 'test', 'rules', 'nginx')).filter((p) =>
      /\/(syntax|wrong-context)\/invalid/.test(p),
    )) {
      assert.equal(check(path).ok, false, `${relative(repo, path)} should fail nginx -t`);
    }
  });
});
