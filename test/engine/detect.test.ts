// Which language a file is: certain names, candidate names decided by content, and the other
// formats that share the .conf suffix, which must never be read as nginx.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { parseProjectConfig, resolveConfig } from '../../server/src/core/config';
import { detectLanguage, languageByName, mayBeAnalyzed } from '../../server/src/engine/detect';
import { looksLikeNginx, templateLanguage } from '../../server/src/languages/nginx/detect';
import { ruleIds } from '../../server/src/rules';

const vhost =
  'server {\n  listen 80;\n  server_name shop.example.org;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n  }\n}\n';
const proxyParams =
  'proxy_set_header Host $host;\nproxy_set_header X-Real-IP $remote_addr;\nproxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n';

/** Other formats that are commonly named *.conf, each in the shape it really has. */
const traps: Record<string, string> = {
  supervisord:
    '[program:worker]\ncommand=/usr/bin/node /srv/app/worker.js\nautorestart=true\nuser=app\n\n[supervisord]\nnodaemon=true\n',
  systemd:
    '[Service]\nEnvironment=NODE_ENV=production\nExecStart=\nExecStart=/usr/bin/node /srv/app/server.js\nRestart=on-failure\n',
  apache:
    '<VirtualHost *:80>\n    ServerName shop.example.org\n    DocumentRoot /var/www/shop\n    <Directory /var/www/shop>\n        AllowOverride None\n        Require all granted\n    </Directory>\n</VirtualHost>\n',
  ini: '; database settings\nhost = db.internal\nport = 5432\nuser = reporting\n',
  sysctl: 'net.ipv4.ip_forward = 1\nvm.swappiness = 10\n',
  bind: 'options {\n    directory "/var/cache/bind";\n    listen-on port 53 { 127.0.0.1; };\n    allow-query { any; };\n};\ninclude "/etc/bind/zones.conf";\ninclude "/etc/bind/keys.conf";\n',
  redis: 'bind 127.0.0.1\nport 6379\nmaxmemory 256mb\nappendonly yes\n',
  unbound: 'server:\n    interface: 0.0.0.0\n    access-control: 10.0.0.0/8 allow\n',
  lighttpd:
    'server.modules = ( "mod_access", "mod_proxy" )\nserver.port = 80\n$HTTP["host"] == "shop.example.org" {\n  proxy.server = ( "" => (( "host" => "127.0.0.1", "port" => 3000 )) )\n}\n',
  keepalived: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n}\n',
  dhcpd:
    'subnet 10.5.5.0 netmask 255.255.255.224 {\n  range 10.5.5.26 10.5.5.30;\n  option routers 10.5.5.1;\n  default-lease-time 600;\n}\n',
  resolv: 'nameserver 10.0.0.2\nsearch internal.example.org\n',
  openvpn: 'client\ndev tun\nproto udp\nremote vpn.example.org 1194\n',
};

describe('language detection', () => {
  it('is certain of TypeScript, Dockerfile and nginx names, and only a candidate for other .conf names', () => {
    assert.deepEqual(languageByName('src/server.ts'), { language: 'typescript', certain: true });
    assert.equal(languageByName('types/index.d.ts'), undefined);
    assert.deepEqual(languageByName('Dockerfile.prod'), { language: 'dockerfile', certain: true });
    for (const path of [
      'nginx.conf',
      'deploy/site.nginx',
      'conf/nginx-proxy.conf',
      'nginx/conf.d/app.conf',
      'nginx/site.conf',
    ]) {
      assert.deepEqual(languageByName(path), { language: 'nginx', certain: true }, path);
    }
    for (const path of [
      'deploy/site.conf',
      'conf.d/default.conf',
      'templates/default.conf.template',
      'site.conf.sample',
      'sites-available/default',
      'vhost.d/shop.example.org',
      'etc/supervisor/conf.d/worker.conf',
    ]) {
      assert.deepEqual(languageByName(path), { language: 'nginx', certain: false }, path);
    }
    for (const path of ['README.md', 'config/settings', 'sites-available/default.md', 'app.config'])
      assert.equal(mayBeAnalyzed(path), false, path);
  });

  it('reads nginx virtual hosts, snippets and main files as nginx by content', () => {
    assert.ok(looksLikeNginx(vhost));
    assert.ok(looksLikeNginx(proxyParams));
    assert.ok(
      looksLikeNginx(
        'user nginx;\nworker_processes auto;\nevents { worker_connections 1024; }\nhttp {\n  include mime.types;\n}\n',
      ),
    );
    assert.ok(looksLikeNginx('# rate limits shared by every site\nlimit_req zone=app burst=20 nodelay;\n'));
    assert.ok(looksLikeNginx('upstream app {\n  server 127.0.0.1:3000;\n}\n'));
    assert.ok(
      looksLikeNginx('server {\n  listen ${PORT};\n  server_name ${HOST};\n}\n'),
      'envsubst placeholders read as words',
    );
    assert.equal(detectLanguage('deploy/site.conf', undefined, vhost), 'nginx');
    assert.equal(detectLanguage('sites-enabled/default', undefined, vhost), 'nginx');
    assert.equal(
      detectLanguage('deploy/site.conf', undefined, undefined),
      undefined,
      'a candidate without its text is undecided',
    );
  });

  it('is certain of every Dockerfile and Containerfile name, and of no script or document named after one', () => {
    for (const path of [
      'Dockerfile',
      'dockerfile',
      'deploy/Dockerfile.prod',
      'Dockerfile-dev',
      'Dockerfile_prod',
      'Dockerfiledev',
      'DockerfileProd',
      'Dockerfile.j2',
      'api.Dockerfile',
      'services/worker.dockerfile',
      'Containerfile',
      'Containerfile.dev',
      'Containerfile-arm64',
      'build/app.Containerfile',
    ]) {
      assert.deepEqual(languageByName(path), { language: 'dockerfile', certain: true }, path);
      assert.equal(detectLanguage(path, undefined, 'FROM node:20\n'), 'dockerfile', path);
    }
    for (const path of [
      'Dockerfile.dockerignore',
      'Dockerfile-dev.dockerignore',
      'api.Dockerfile.dockerignore',
      'Dockerfile.md',
      'Dockerfile-notes.txt',
      'dockerfile-utils.sh',
      'Dockerfiles',
      'dockerfile_test.py',
      'my-Dockerfile-notes',
    ]) {
      assert.equal(languageByName(path), undefined, path);
    }
    for (const path of ['dockerfile.ts', 'src/dockerfileParser.js', 'Dockerfile.config.json'])
      assert.notEqual(languageByName(path)?.language, 'dockerfile', path);
    // A Jinja or Go template of a Dockerfile is skipped; `%%VERSION%%` placeholders still parse.
    const template = '{{ def is_alpine: env.variant | contains("alpine") -}}\nFROM {{ env.from }}\nRUN make\n';
    assert.match(analyze({ path: 'Dockerfile-linux.template', text: template }).skipped ?? '', /template/);
    const placeholders = 'FROM nginx:%%NGINX_VERSION%%-alpine\nRUN echo "{{ .Id }}"\nCMD ["nginx"]\n';
    assert.equal(analyze({ path: 'Dockerfile-alpine.template', text: placeholders }).skipped, undefined);
  });

  for (const [format, text] of Object.entries(traps)) {
    it(`never reads a ${format} file as nginx`, () => {
      assert.equal(looksLikeNginx(text), false);
      assert.equal(detectLanguage(`etc/${format}.conf`, undefined, text), undefined);
      assert.equal(analyze({ path: `etc/${format}.conf`, text }).skipped, 'not a supported file type');
    });
  }

  it('takes the editor language first, then the project mapping, then the name', () => {
    assert.equal(detectLanguage('notes.txt', 'nginx', 'whatever'), 'nginx');
    assert.equal(detectLanguage('deploy/site.tmpl', undefined, 'server {}', 'nginx'), 'nginx');
    const { config } = parseProjectConfig(
      '{ "languages": { "deploy/*.tmpl": "nginx", "ops/build": "dockerfile" } }',
      ruleIds,
    );
    const resolved = resolveConfig(config);
    assert.equal(resolved.languageOf('deploy/site.tmpl'), 'nginx');
    assert.equal(resolved.languageOf('ops/build'), 'dockerfile');
    assert.equal(resolved.languageOf('other/site.tmpl'), undefined);
    const result = analyze(
      { path: 'deploy/site.tmpl', text: 'server {\n  listen 80;\n  autoindex on;\n}\n' },
      resolved,
    );
    assert.equal(result.language, 'nginx');
    assert.ok(result.findings.some((f) => f.ruleId === 'nginx/autoindex'));
  });

  it('reports a bad languages mapping in the project file', () => {
    const { problems } = parseProjectConfig(
      '{ "languages": { "*.tmpl": "python", "": "nginx" }, "root": "yes" }',
      ruleIds,
    );
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        '"root" must be true or false.',
        'The language of "*.tmpl" must be "typescript", "dockerfile" or "nginx".',
        'A "languages" pattern must be a non-empty glob.',
      ],
    );
  });

  it('skips Jinja, Go and ERB templates with that reason, and analyzes envsubst templates', () => {
    assert.equal(templateLanguage('server {\n  server_name {{ domain }};\n}\n'), 'Jinja');
    assert.equal(templateLanguage('{% for site in sites %}server { listen 80; }{% endfor %}\n'), 'Jinja');
    assert.equal(templateLanguage('server {\n  server_name {{ .Host }};\n}\n'), 'Go');
    assert.equal(templateLanguage('server {\n  server_name <%= @domain %>;\n}\n'), 'ERB');
    assert.equal(templateLanguage('server {\n  listen ${PORT};\n  location ~ ^/a{2}$ { return 404; }\n}\n'), undefined);
    assert.equal(
      analyze({ path: 'nginx/site.conf.j2', text: 'server {\n  server_name {{ domain }};\n  autoindex on;\n}\n' })
        .skipped,
      'a Jinja template: its placeholders are not nginx syntax',
    );
    assert.equal(
      analyze({
        path: 'nginx.conf',
        text: 'http {\n  server {\n    server_name {{ domain }};\n    autoindex on;\n  }\n}\n',
      }).skipped,
      'a Jinja template: its placeholders are not nginx syntax',
    );
    const envsubst = analyze({
      path: 'templates/default.conf.template',
      text: 'server {\n  listen ${PORT};\n  autoindex on;\n}\n',
    });
    assert.equal(envsubst.language, 'nginx');
    assert.ok(envsubst.findings.some((f) => f.ruleId === 'nginx/autoindex'));
  });
});
