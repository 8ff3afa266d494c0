// Which files are nginx configuration: certain names (nginx.conf, *.nginx, *.conf in a folder
// called nginx), and candidate names (any other *.conf, files under sites-*/, vhost.d/, conf.d/)
// whose content reads as nginx and not as one of the other formats that share the suffix. A few
// linear scans of the first 64 KB, run only for candidate names.
import { fileName } from '../../core/paths';
import type { NameClaim } from '../../core/language';

/**
 * Folders whose files are virtual hosts or snippets in nginx layouts (Debian's sites-*, named
 * `default` or after the domain; nginx-proxy's vhost.d; conf.d and snippets in images).
 */
const nginxFolders = /(?:^|\/)(?:nginx|sites-available|sites-enabled|vhost\.d|conf\.d|snippets)\/[^/]+$/i;
/** Names in those folders that are some other kind of file. */
const otherFileTypes =
  /\.(?:md|markdown|txt|rst|json|ya?ml|toml|ini|xml|html?|sh|bash|ps1|py|rb|pl|php|lua|[cm]?[jt]sx?|lock|log|bak|swp|tmp|pem|key|crt|csr|p12|gz|zip|tar|png|jpe?g|gif|svg|ico)$/i;
/** `*.conf` and its template or sample copies. */
const confNames = /\.conf(?:\.(?:template|tmpl|tpl|sample|example|dist|default|in|orig))?$/i;

/** Whether a file's name makes it nginx configuration, or only may. */
export function nginxNameClaim(path: string): NameClaim | undefined {
  const posix = path.replace(/\\/g, '/');
  const name = fileName(posix);
  const lower = name.toLowerCase();
  if (lower === 'nginx.conf' || lower.endsWith('.nginx')) return 'certain';
  // A .conf whose name says nginx, or one in a folder called nginx, is nginx; any other .conf may not be.
  if (confNames.test(lower)) return lower.includes('nginx') || /(?:^|\/)nginx\//i.test(posix) ? 'certain' : 'candidate';
  if (nginxFolders.test(posix) && !otherFileTypes.test(name) && !name.startsWith('.')) return 'candidate';
  return undefined;
}

/** Simple directives common in nginx configurations and rare elsewhere with a `;` after them. */
const NGINX_DIRECTIVES = new Set([
  'listen',
  'server_name',
  'root',
  'alias',
  'index',
  'try_files',
  'return',
  'rewrite',
  'error_page',
  'access_log',
  'error_log',
  'log_format',
  'proxy_pass',
  'proxy_set_header',
  'proxy_redirect',
  'proxy_buffering',
  'proxy_read_timeout',
  'proxy_connect_timeout',
  'proxy_send_timeout',
  'proxy_http_version',
  'proxy_cache',
  'proxy_hide_header',
  'fastcgi_pass',
  'fastcgi_param',
  'fastcgi_index',
  'uwsgi_pass',
  'grpc_pass',
  'add_header',
  'expires',
  'default_type',
  'charset',
  'autoindex',
  'server_tokens',
  'ssl_certificate',
  'ssl_certificate_key',
  'ssl_protocols',
  'ssl_ciphers',
  'ssl_prefer_server_ciphers',
  'ssl_session_cache',
  'ssl_session_timeout',
  'ssl_stapling',
  'gzip',
  'gzip_types',
  'gzip_vary',
  'client_max_body_size',
  'client_body_buffer_size',
  'keepalive_timeout',
  'sendfile',
  'tcp_nopush',
  'tcp_nodelay',
  'worker_processes',
  'worker_connections',
  'worker_rlimit_nofile',
  'pid',
  'load_module',
  'limit_req',
  'limit_req_zone',
  'limit_conn',
  'limit_conn_zone',
  'resolver',
  'set_real_ip_from',
  'real_ip_header',
  'auth_basic',
  'auth_basic_user_file',
  'auth_request',
  'deny',
  'allow',
  'types_hash_max_size',
  'server_names_hash_bucket_size',
]);
/** Blocks that open with `name {` (no arguments) in nginx. */
const bareBlocks = /^(?:http|events|stream|mail|server|types)$/;
/** Blocks that open with arguments: `location /x {`, `upstream app {`, `map $a $b {`. */
const argumentBlocks = /^(?:location|upstream|map|geo|split_clients)$/;

/**
 * Whether a text reads as nginx configuration: at least one nginx block, or two known simple
 * directives ended by `;` (one, in a snippet of nothing else), and nothing of the formats that share the `.conf` suffix: INI or
 * systemd sections (`[program:x]`, `[Unit]`), Apache tags (`<VirtualHost *:80>`), or more
 * `key = value` lines than directives.
 */
export function looksLikeNginx(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  let blocks = 0;
  let directives = 0;
  let assignments = 0;
  let others = 0;
  for (const raw of head.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line === '') continue;
    const first = line[0];
    if (first === '[' && line.endsWith(']')) return false;
    if (first === '<' && line.endsWith('>')) return false;
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line)?.[0];
    if (!name) {
      if (line !== '}') others++;
      continue;
    }
    const rest = line.slice(name.length);
    if (/^\s*[:=]/.test(rest)) {
      assignments++;
      continue;
    }
    if (bareBlocks.test(name) && /^\s*\{/.test(rest)) blocks++;
    else if (argumentBlocks.test(name) && /^\s[^{};]*\{/.test(rest)) blocks++;
    else if (NGINX_DIRECTIVES.has(name) && /^(?:\s[^;{}]*)?;/.test(rest)) directives++;
    else others++;
  }
  if (assignments > blocks + directives) return false;
  // One known directive is enough in a snippet that holds nothing else (`limit_req zone=app;`).
  return blocks > 0 || directives >= 2 || (directives === 1 && others === 0 && assignments === 0);
}

/**
 * The template language a configuration file is written in, when its placeholders are not the
 * file's own syntax (Jinja, Go templates, ERB); `${VAR}` (envsubst) placeholders read as words.
 */
export function templateLanguage(text: string): string | undefined {
  if (/<%[=-]?\s/.test(text)) return 'ERB';
  if (/\{\{-?\s*(?:\.|range\b|with\b|define\b|template\b|end\b|block\b)/.test(text)) return 'Go';
  if (/\{%-?\s|\{\{-?\s*[A-Za-z_]/.test(text)) return 'Jinja';
  return undefined;
}
