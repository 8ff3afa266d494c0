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
import { directiveEntries, isKnownThirdParty } from '../../server/src/languages/nginx/directives';
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
    return checkText(readFileSync(path, 'utf8'), dirname(path));
  }

  function checkText(text: string, dir: string): { ok: boolean; output: string } {
    const file = join(prefix, 'test.conf');
    writeFileSync(file, testable(text, dir));
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
    it(`${name}: nginx -t accepts it`, (t) => {
      const { ok, output } = check(path);
      // A directive of a module Debian does not build (NGINX Plus): not a disagreement.
      const missing = /unknown directive "([^"]+)"/.exec(output)?.[1];
      if (!ok && missing && directiveEntries(missing).length > 0) {
        t.skip(`Debian\u2019s nginx does not build the module of ${missing}`);
        return;
      }
      // A resolver named by host (`kube-dns…`, `consul`) is looked up at startup: not offline.
      const unresolved = /host not found in resolver "([^"]+)"/.exec(output)?.[1];
      if (!ok && unresolved) {
        t.skip(`the resolver ${unresolved} cannot be looked up here`);
        return;
      }
      assert.ok(ok, output);
    });
  }

  // nginx/syntax's argument checks against nginx's own, both ways: each case is a complete
  // configuration (contexts known), judged by analyze() and by nginx -t.
  const argumentCases: Array<[where: 'main' | 'http' | 'server' | 'location' | 'stream', body: string]> = [
    // A `;` missing at a line end: the next directive becomes arguments.
    ['server', 'listen 127.0.0.1:18081\nserver_name app.example.com;'],
    ['location', 'root /srv/www\nindex index.html;'],
    ['location', 'proxy_pass http://127.0.0.1:3000\nproxy_set_header Host $host;'],
    ['location', 'gzip on\ngzip_types text/plain;'],
    ['location', 'default_type text/plain\nlocation /nested/ { return 204; }'],
    ['location', 'return 200\nadd_header X-Probe 1;'],
    // Too many or too few arguments.
    ['http', 'keepalive_timeout 65 60 10;'],
    ['location', 'proxy_set_header Host;'],
    ['location', 'try_files $uri;'],
    ['location', 'internal on;'],
    ['location', 'return 301 https://example.com/ extra;'],
    ['server', 'error_page 404;'],
    ['main', 'user www-data www-data extra;'],
    ['http', 'large_client_header_buffers 4;'],
    ['http', 'map $http_upgrade { default upgrade; }'],
    ['location', "add_header Content-Security-Policy default-src 'self';"],
    // Flags, sizes, times, numbers, keywords.
    ['http', 'gzip yes;'],
    ['http', 'client_max_body_size 10mb;'],
    ['http', 'client_max_body_size 1.5m;'],
    ['http', 'keepalive_timeout 30sec;'],
    ['http', 'send_timeout 1.5s;'],
    ['location', 'expires forever;'],
    ['main', 'worker_processes many;'],
    ['http', 'ssl_protocols TLSv1.2 TLSv1.4;'],
    ['http', 'gzip_proxied sometimes;'],
    ['http', 'proxy_next_upstream error timeout http_999;'],
    ['location', 'rewrite ^/old/(.*)$ /new/$1 forever;'],
    ['server', 'listen 127.0.0.1:18082 spdy;'],
    ['server', 'location /health;'],
    // Accepted: other orders than the docs, legacy spellings, variadic and optional forms.
    ['server', 'listen 127.0.0.1:18083 reuseport backlog=511 default;'],
    ['server', 'listen [::1]:18084 ipv6only=on so_keepalive=30m::10;'],
    ['server', 'server_name a.example.com *.b.example.com ~^www\\d+\\.example\\.com$;'],
    ['http', 'gzip On;'],
    ['http', 'client_max_body_size 1g;'],
    ['http', 'keepalive_timeout 1h30m 60;'],
    ['http', 'proxy_read_timeout 3600;'],
    ['location', 'expires -1;'],
    ['location', 'expires @15h30m;'],
    ['location', 'expires modified 24h;'],
    ['location', 'return 200 "ok";'],
    ['location', 'return https://example.com/;'],
    ['location', 'try_files $uri $uri/ =404;'],
    ['location', 'proxy_set_header Accept-Encoding "";'],
    ['location', 'stub_status on;'],
    ['location', 'access_log /tmp/blah-a.log.gz combined gzip=5 flush=5m;'],
    ['server', 'error_page 404 = /fallback;'],
    ['server', 'error_page 500 502 503 504 /50x.html;'],
    ['server', 'location ^~ /static/ { root /srv; }'],
    ['http', 'ssl_session_cache builtin:1000 shared:TLS:10m;'],
    ['http', 'proxy_cache_path /tmp/blah-cache keys_zone=one:10m levels=1:2 use_temp_path=off max_size=1g;'],
    ['http', 'proxy_cache_valid 200 302 10m;'],
    ['http', "log_format timing '$remote_addr \"$request\" ' '$status $request_time';"],
    ['http', 'upstream b { server 127.0.0.1:8080 weight=5 max_fails=3 fail_timeout=30s; keepalive 16; }'],
    ['http', 'geo $remote_addr $geo { default 0; }'],
    ['http', 'resolver 127.0.0.11 valid=30s ipv6=off;'],
    ['http', 'open_file_cache max=1000 inactive=20s;'],
    ['main', 'worker_priority -5;'],
    ['stream', 'server { listen 15300 udp reuseport; proxy_pass 127.0.0.1:53; proxy_timeout 1s; }'],
    ['stream', 'server { listen 127.0.0.1:15301 http2; proxy_pass 127.0.0.1:53; }'],
  ];
  const complete = (where: (typeof argumentCases)[number][0], body: string): string =>
    where === 'main'
      ? `${body}\nevents {}\n`
      : where === 'stream'
        ? `events {}\nstream {\n${body}\n}\n`
        : `events {}\nhttp {\n${
            where === 'http'
              ? body
              : `server {\nlisten 127.0.0.1:18080;\n${where === 'server' ? body : `location / {\n${body}\n}`}\n}`
          }\n}\n`;
  for (const [where, body] of argumentCases) {
    it(`argument check agrees with nginx -t: [${where}] ${body.replace(/\n/g, ' \u23ce ')}`, (t) => {
      if (where === 'stream' && !existsSync(streamModule)) {
        t.skip('no stream module');
        return;
      }
      const text = complete(where, body);
      const ours = analyze({ path: 'nginx.conf', text }).findings.filter((f) => f.ruleId === 'nginx/syntax');
      const { ok, output } = checkText(text, prefix);
      if (ours.length > 0) assert.equal(ok, false, `we report "${ours[0].message}" but nginx -t accepts it`);
      else assert.ok(ok, `nginx -t rejects it and we do not: ${output}`);
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
