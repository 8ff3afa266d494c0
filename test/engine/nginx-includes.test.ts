// nginx includes across files: prefix-relative and /etc/nginx/ includes resolved onto the
// workspace's own nginx tree, includes that cannot be read making their blocks unknown (the rules
// that depend on included or inherited directives stay quiet there), and workspace facts decided
// per nginx configuration. Each tree is scanned both ways, as the CLI does: every file on its own
// (its folder is its project) and the whole folder at once.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { analyze, companionFiles } from '../../server/src/engine/analyze';
import { analyzeWorkspace, nginxConfigurations, type WorkspaceFile } from '../../server/src/engine/workspace';
import { unreadIncludeMarkdown } from '../../server/src/languages/nginx/features';
import { NGINX_FACT } from '../../server/src/languages/nginx/facts';

type Tree = Readonly<Record<string, string>>;

/** Analyzes one file of the tree as a host would: its companions read beside it and above it. */
function analyzeFile(tree: Tree, path: string, projectPath: string): WorkspaceFile {
  const text = tree[path];
  const location = `/work/${path}`;
  const names = companionFiles(location, undefined, text);
  const dir = posix.dirname(path);
  const companions = Object.fromEntries(
    names.map((name) => [name, tree[posix.normalize(posix.join(dir, name))] ?? null]),
  );
  const result = analyze({ path: projectPath, location, text, companions }, defaultConfig);
  assert.deepEqual(result.ruleErrors, [], `rule errors in ${path}`);
  return { path: projectPath, findings: result.findings, facts: result.facts, language: result.language! };
}

const nginxFiles = (tree: Tree): string[] => Object.keys(tree).filter((p) => /\.conf$|\/sites-enabled\//.test(p));

/** Findings (`rule path:line`) of one scan of the whole tree. */
function folderScan(tree: Tree, rules: readonly string[]): string[] {
  const files = nginxFiles(tree).map((p) => analyzeFile(tree, p, p));
  const workspace = analyzeWorkspace({ files, projectFiles: [] }, defaultConfig);
  const out: string[] = [];
  for (const [path, findings] of workspace.findings)
    for (const f of findings) if (rules.includes(f.ruleId)) out.push(`${f.ruleId} ${path}:${f.range.start.line + 1}`);
  return out.sort();
}

/** Findings of scanning each file on its own (its folder its project), with tree paths. */
function fileByFileScan(tree: Tree, rules: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of nginxFiles(tree)) {
    const file = analyzeFile(tree, path, posix.basename(path));
    const workspace = analyzeWorkspace({ files: [file], projectFiles: [] }, defaultConfig);
    for (const f of workspace.findings.get(file.path) ?? [])
      if (rules.includes(f.ruleId)) out.push(`${f.ruleId} ${path}:${f.range.start.line + 1}`);
  }
  return out.sort();
}

const TLS = [
  '  listen 443 ssl;',
  '  ssl_certificate /etc/ssl/app.pem;',
  '  ssl_certificate_key /etc/ssl/app.key;',
].join('\n');
const HEADERS = [
  '  add_header Strict-Transport-Security "max-age=63072000" always;',
  '  add_header X-Content-Type-Options "nosniff" always;',
  '  add_header X-Frame-Options "DENY" always;',
].join('\n');
const PROXY_HEADERS = 'proxy_set_header Host $host;\nproxy_set_header X-Real-IP $remote_addr;\n';

const INCLUDE_RULES = [
  'nginx/missing-proxy-headers',
  'nginx/missing-security-headers',
  'nginx/missing-hsts',
  'nginx/dotfiles-exposed',
  'nginx/missing-rate-limit',
  'nginx/server-tokens',
];

describe('nginx includes resolve against the configuration root', () => {
  it('reads a prefix-relative include from the folder of nginx.conf, not beside the including file', () => {
    const tree: Tree = {
      'deploy/nginx.conf': 'events {}\nhttp {\n  server_tokens off;\n  include sites-enabled/*.conf;\n}\n',
      'deploy/snippets/proxy.conf': PROXY_HEADERS,
      // A look-alike beside the site, which nginx would not read.
      'deploy/sites-enabled/snippets/proxy.conf': 'proxy_read_timeout 30s;\n',
      'deploy/sites-enabled/app.conf': `server {\n${TLS}\n${HEADERS}\n  limit_req zone=one;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n    include snippets/proxy.conf;\n  }\n}\n`,
    };
    assert.deepEqual(folderScan(tree, INCLUDE_RULES), []);
    assert.deepEqual(fileByFileScan(tree, INCLUDE_RULES), []);
  });

  it('maps /etc/nginx/… includes onto the workspace tree that has that layout', () => {
    const site = (include: string): string =>
      `server {\n${TLS}\n${HEADERS}\n  limit_req zone=one;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n    include ${include};\n  }\n}\n`;
    // A folder holding mime.types is the root; so is the folder named like the path's own.
    const trees: Tree[] = [
      {
        'conf/mime.types': 'types {}\n',
        'conf/snippets/proxy.conf': PROXY_HEADERS,
        'conf/conf.d/app.conf': site('/etc/nginx/snippets/proxy.conf'),
      },
      {
        'repo/nginx/snippets/proxy.conf': PROXY_HEADERS,
        'repo/nginx/sites-enabled/app.conf': site('/etc/nginx/snippets/proxy.conf'),
      },
      { 'swag/nginx/proxy.conf': PROXY_HEADERS, 'swag/nginx/site-confs/app.conf': site('/config/nginx/proxy.conf') },
    ];
    for (const tree of trees) {
      assert.deepEqual(folderScan(tree, INCLUDE_RULES), [], JSON.stringify(Object.keys(tree)));
      assert.deepEqual(fileByFileScan(tree, INCLUDE_RULES), [], JSON.stringify(Object.keys(tree)));
    }
  });

  it('still judges what a read include sets', () => {
    const tree: Tree = {
      'nginx/mime.types': 'types {}\n',
      'nginx/snippets/proxy.conf': 'proxy_read_timeout 30s;\n',
      'nginx/conf.d/app.conf': `server {\n${TLS}\n${HEADERS}\n  limit_req zone=one;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n    include /etc/nginx/snippets/proxy.conf;\n  }\n}\n`,
    };
    const expected = ['nginx/missing-proxy-headers nginx/conf.d/app.conf:10'];
    assert.deepEqual(folderScan(tree, INCLUDE_RULES), expected);
    assert.deepEqual(fileByFileScan(tree, INCLUDE_RULES), expected);
  });
});

describe('nginx includes that cannot be read make their blocks unknown', () => {
  // Every rule that depends on included or inherited directives fires on this server without the include.
  const server = (include: string): string =>
    [
      'events {}',
      'http {',
      '  server {',
      TLS,
      include && `    ${include}`,
      '    root /srv/www;',
      '    location / {',
      '      proxy_pass http://127.0.0.1:3000;',
      '    }',
      '  }',
      '}',
      '',
    ]
      .filter((l) => l !== '')
      .join('\n');

  it('fires every rule on the server without the include (the control case)', () => {
    const found = folderScan({ 'site/nginx.conf': server('') }, INCLUDE_RULES).map((f) => f.split(' ')[0]);
    assert.deepEqual([...new Set(found)].sort(), [...INCLUDE_RULES].sort());
  });

  it('stays quiet where an include is not in the workspace, in a scan of the folder and of the file alone', () => {
    for (const include of ['include /config/nginx/proxy.conf;', 'include conf/hardening.conf;']) {
      const tree: Tree = { 'site/nginx.conf': server(include) };
      assert.deepEqual(folderScan(tree, INCLUDE_RULES), [], include);
      assert.deepEqual(fileByFileScan(tree, INCLUDE_RULES), [], include);
    }
  });

  it('stays quiet in a location whose include is not read, and only there', () => {
    const text = `server {\n${TLS}\n${HEADERS}\n  limit_req zone=one;\n  location /a {\n    proxy_pass http://127.0.0.1:3000;\n    include /config/nginx/proxy.conf;\n  }\n  location /b {\n    proxy_pass http://127.0.0.1:3001;\n  }\n}\n`;
    assert.deepEqual(folderScan({ 'conf.d/app.conf': text }, ['nginx/missing-proxy-headers']), [
      'nginx/missing-proxy-headers conf.d/app.conf:14',
    ]);
  });

  it('stays quiet when a file it includes includes one that is not read', () => {
    const tree: Tree = {
      'site/nginx.conf': server('include hardening.conf;'),
      'site/hardening.conf': 'include /config/nginx/more.conf;\n',
    };
    assert.deepEqual(folderScan(tree, INCLUDE_RULES), []);
  });

  it('does not count stock files and patterns as unknown', () => {
    const found = folderScan(
      { 'site/nginx.conf': server('include /etc/nginx/mime.types;\n    include /etc/nginx/snippets/*.conf;') },
      INCLUDE_RULES,
    ).map((f) => f.split(' ')[0]);
    assert.deepEqual([...new Set(found)].sort(), [...INCLUDE_RULES].sort());
  });

  it('says which include could not be read and which workspace paths were tried', () => {
    const tree: Tree = {
      'deploy/nginx/mime.types': 'types {}\n',
      'deploy/nginx/conf.d/app.conf': 'server {\n  include snippets/proxy.conf;\n}\n',
    };
    const file = analyzeFile(tree, 'deploy/nginx/conf.d/app.conf', 'deploy/nginx/conf.d/app.conf');
    const fact = file.facts.find((f) => f.name === NGINX_FACT.unreadInclude);
    assert.ok(fact?.range, 'an unread-include fact on the include line');
    assert.equal(fact.range.start.line, 1);
    const tried = String(fact.value).split('\n');
    assert.equal(tried[0], 'snippets/proxy.conf');
    // The configuration root (the folder with mime.types) first, then beside the file.
    assert.deepEqual(tried.slice(1, 3), [
      'deploy/nginx/snippets/proxy.conf',
      'deploy/nginx/conf.d/snippets/proxy.conf',
    ]);
    const markdown = unreadIncludeMarkdown(String(fact.value));
    assert.match(markdown, /Include not read/);
    assert.match(markdown, /`deploy\/nginx\/snippets\/proxy\.conf`/);
  });
});

describe('an nginx.conf that includes a fragment', () => {
  const site = `server {\n${TLS}\n  limit_req zone=one;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n    proxy_set_header Host $host;\n    proxy_set_header X-Real-IP $remote_addr;\n  }\n}\n`;

  it('lends the fragment its http-level directives (headers set for every server)', () => {
    const tree: Tree = {
      'etc/nginx/nginx.conf': `events {}\nhttp {\n  server_tokens off;\n${HEADERS}\n  include /etc/nginx/sites-enabled/*;\n}\n`,
      'etc/nginx/sites-available/app': site,
    };
    const rules = ['nginx/missing-hsts', 'nginx/missing-security-headers'];
    assert.deepEqual(folderScan(tree, rules), []);
    assert.deepEqual(fileByFileScan(tree, rules), []);
  });

  it('makes the fragment unknown when its own http block includes a file that is not read', () => {
    const tree: Tree = {
      'etc/nginx/nginx.conf':
        'events {}\nhttp {\n  include /etc/nginx/global/headers.conf;\n  include /etc/nginx/conf.d/*.conf;\n}\n',
      'etc/nginx/conf.d/app.conf': site,
    };
    const rules = ['nginx/missing-hsts', 'nginx/missing-security-headers'];
    assert.deepEqual(folderScan(tree, rules), []);
    assert.deepEqual(fileByFileScan(tree, rules), []);
  });

  it('leaves a fragment it does not include to be judged alone', () => {
    const tree: Tree = {
      'etc/nginx/nginx.conf': `events {}\nhttp {\n  server_tokens off;\n${HEADERS}\n  include /etc/nginx/conf.d/*.conf;\n}\n`,
      'etc/nginx/templates/app.conf': site,
    };
    const expected = ['nginx/missing-hsts etc/nginx/templates/app.conf:1'];
    assert.deepEqual(folderScan(tree, ['nginx/missing-hsts']), expected);
    assert.deepEqual(fileByFileScan(tree, ['nginx/missing-hsts']), expected);
  });
});

describe('workspace facts are decided per nginx configuration', () => {
  const proxy = (name: string): string =>
    `server {\n${TLS}\n  server_name ${name};\n${HEADERS}\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n    proxy_set_header Host $host;\n    proxy_set_header X-Real-IP $remote_addr;\n  }\n}\n`;
  // Two separate configurations: one limits requests in its nginx.conf, the other nowhere.
  const twoConfigs: Tree = {
    'a/nginx.conf':
      'events {}\nhttp {\n  server_tokens off;\n  limit_req_zone $binary_remote_addr zone=one:10m rate=10r/s;\n  limit_req zone=one burst=20;\n  include conf.d/*.conf;\n}\n',
    'a/conf.d/site.conf': proxy('a.example.com'),
    'b/nginx.conf': 'events {}\nhttp {\n  server_tokens off;\n  include conf.d/*.conf;\n}\n',
    'b/conf.d/site.conf': proxy('b.example.com'),
  };

  it('does not let a limit_req of one configuration clear the servers of another, scanned either way', () => {
    const expected = ['nginx/missing-rate-limit b/conf.d/site.conf:1'];
    assert.deepEqual(folderScan(twoConfigs, ['nginx/missing-rate-limit']), expected);
    assert.deepEqual(fileByFileScan(twoConfigs, ['nginx/missing-rate-limit']), expected);
  });

  it('lets another file of the same configuration clear it in a folder scan', () => {
    const tree: Tree = {
      'c/nginx.conf': 'events {}\nhttp {\n  server_tokens off;\n  include conf.d/*.conf;\n}\n',
      'c/conf.d/limits.conf':
        'limit_req_zone $binary_remote_addr zone=one:10m rate=10r/s;\nlimit_req zone=one burst=20;\n',
      'c/conf.d/site.conf': proxy('c.example.com'),
      'd/conf.d/site.conf': proxy('d.example.com'),
    };
    assert.deepEqual(folderScan(tree, ['nginx/missing-rate-limit']), ['nginx/missing-rate-limit d/conf.d/site.conf:1']);
  });

  it('groups files by the main files that include them', () => {
    const files = nginxFiles(twoConfigs).map((p) => analyzeFile(twoConfigs, p, p));
    const same = nginxConfigurations(files);
    assert.equal(same('a/nginx.conf', 'a/conf.d/site.conf'), true);
    assert.equal(same('b/nginx.conf', 'b/conf.d/site.conf'), true);
    assert.equal(same('a/conf.d/site.conf', 'b/conf.d/site.conf'), false);
    assert.equal(same('a/nginx.conf', 'b/nginx.conf'), false);
  });

  it('keeps an app-level rate limiter answering every nginx server', () => {
    const files = nginxFiles(twoConfigs).map((p) => analyzeFile(twoConfigs, p, p));
    files.push({
      path: 'src/server.ts',
      language: 'typescript',
      findings: [],
      facts: [{ name: 'rate-limit', value: 'express-rate-limit' }],
    });
    const workspace = analyzeWorkspace({ files, projectFiles: [] }, defaultConfig);
    const left = [...workspace.findings.values()].flat().filter((f) => f.ruleId === 'nginx/missing-rate-limit');
    assert.deepEqual(left, []);
  });
});
