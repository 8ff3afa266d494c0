// What nginx security rules ask of a configuration: servers and their listens, TLS, effective
// (inherited) directives, and edits that add a directive inside a block at its indentation.
import type { OffsetEdit } from '../../core/rule';
import { allDirectives, effectiveDirectives, type NginxConfig, type NginxDirective } from './parser';

/**
 * A `server` block of the http family (not stream/mail, not an upstream `server` line) written
 * in this file: servers spliced in from included files are judged in their own file.
 */
export function isHttpServer(directive: NginxDirective): boolean {
  return (
    directive.name === 'server' &&
    directive.block !== undefined &&
    !directive.isEntry &&
    !directive.foreign &&
    directive.parent?.name === 'http'
  );
}

/** The file's http `server` blocks (see isHttpServer), in source order. */
export function httpServers(config: NginxConfig): NginxDirective[] {
  return [...allDirectives(config.directives)].filter(isHttpServer);
}

export function children(directive: NginxDirective | undefined, config: NginxConfig): NginxDirective[] {
  return directive ? (directive.block?.children ?? []) : config.directives;
}

const childrenByName = new WeakMap<readonly NginxDirective[], Map<string, NginxDirective[]>>();

/**
 * The directives named `name` written in `block` (entries excluded), from a table built once per
 * block: every location asks about its server's directives, and a server may hold thousands.
 * Callers must not change the returned array.
 */
export function childNamed(block: NginxDirective | undefined, config: NginxConfig, name: string): NginxDirective[] {
  return namedIn(children(block, config), name);
}

function namedIn(list: readonly NginxDirective[], name: string): NginxDirective[] {
  let table = childrenByName.get(list);
  if (!table) {
    table = new Map();
    for (const d of list) {
      if (d.isEntry) continue;
      const named = table.get(d.name);
      if (named) named.push(d);
      else table.set(d.name, [d]);
    }
    childrenByName.set(list, table);
  }
  return table.get(name) ?? noDirectives;
}

const noDirectives: NginxDirective[] = [];

/** Every directive named `name` inside `block`, at any depth. */
export function descendantsNamed(block: NginxDirective, name: string): NginxDirective[] {
  return [...effectiveDirectives(block.block?.children ?? [])].filter((d) => d.name === name && !d.isEntry);
}

export interface Listen {
  directive: NginxDirective;
  port?: number;
  ssl: boolean;
  /** Bound to loopback or a unix socket: not reachable from outside. */
  local: boolean;
}

export function listensOf(server: NginxDirective, config: NginxConfig): Listen[] {
  return childNamed(server, config, 'listen').map((directive) => {
    const address = directive.args[0]?.value ?? '';
    const port = /(?:^|:)(\d+)$/.exec(address)?.[1];
    return {
      directive,
      ...(port ? { port: Number(port) } : {}),
      ssl: directive.args.slice(1).some((a) => a.value === 'ssl' || a.value === 'quic'),
      local: /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?$|^unix:/.test(address),
    };
  });
}

/** A plain listen that was meant to be TLS: port 443, or any port but 80 of a server with a certificate. */
export function isMeantForTls(listen: Listen, server: NginxDirective, config: NginxConfig): boolean {
  if (listen.ssl) return false;
  return listen.port === 443 || (childNamed(server, config, 'ssl_certificate').length > 0 && listen.port !== 80);
}

/** Reachable from other hosts: some listen is not loopback or a unix socket (no listen means *:80). */
export function isPublic(server: NginxDirective, config: NginxConfig): boolean {
  const listens = listensOf(server, config);
  return listens.length === 0 || listens.some((l) => !l.local);
}

/** Whether the server terminates TLS (an ssl/quic listen or `ssl on`). */
export function isTlsServer(server: NginxDirective, config: NginxConfig): boolean {
  return (
    listensOf(server, config).some((l) => l.ssl) ||
    childNamed(server, config, 'ssl').some((d) => d.args[0]?.value === 'on')
  );
}

/**
 * The directives named `name` that apply in `block`: its own, or (nginx's array-directive rule)
 * the nearest ancestor's when the block has none. `add_header` and `proxy_set_header` inherit so.
 */
export function effective(
  block: NginxDirective | undefined,
  config: NginxConfig,
  name: string,
): { directives: NginxDirective[]; from: NginxDirective | undefined } {
  for (let b: NginxDirective | undefined = block; ; b = b.parent) {
    const own = childNamed(b, config, name);
    if (own.length > 0 || !b) return { directives: own, from: b };
  }
}

/**
 * What became of an `include`: `read` (its file was found and spliced in), `stock` (a file nginx
 * packages ship, `mime.types` or Debian's `proxy_params`, known by content), `glob` (a pattern:
 * the files it matches are judged in their own right, and workspace analysis links them) or
 * `unread` (no file found: what it sets is unknown).
 */
export type IncludeStatus = 'read' | 'stock' | 'glob' | 'unread';

export interface IncludeResolution {
  status: IncludeStatus;
  /** The project path of the file spliced in (`read`), or the stock file's name (`stock`). */
  file?: string;
  /** Project paths looked at, nearest the configuration root first. */
  tried: readonly string[];
  /** Unread because where it most likely is lies outside what the host may read (AnalyzeInput.outside). */
  outside?: true;
}

const includeResolutions = new WeakMap<NginxDirective, IncludeResolution>();
/** Virtual blocks (the http or server a fragment is included into) whose includer holds an unread include. */
const unknownLevels = new WeakSet<NginxDirective>();
/** The including configuration of a fragment (see analyze.ts), when its file was read. */
const includers = new WeakMap<NginxConfig, Includer>();

export interface Includer {
  /** Its project path. */
  path: string;
  /** Whether it (or what of it could be read) sets `limit_req` anywhere. */
  limitsRequests: boolean;
  /** Whether it holds an include that could not be read. */
  hasUnread: boolean;
}

export function recordInclude(include: NginxDirective, resolution: IncludeResolution): void {
  includeResolutions.set(include, resolution);
}

export function markUnknownLevel(block: NginxDirective): void {
  unknownLevels.add(block);
}

export function recordIncluder(config: NginxConfig, includer: Includer): void {
  includers.set(config, includer);
}

/** The configuration that includes this fragment, when it is known. */
export function includerOf(config: NginxConfig): Includer | undefined {
  return includers.get(config);
}

const globPattern = /[*?[]/;

/** What became of an include; one the analysis did not resolve counts as unread (a pattern as a glob). */
export function includeResolution(include: NginxDirective): IncludeResolution {
  return (
    includeResolutions.get(include) ?? {
      status: globPattern.test(include.args[0]?.value ?? '') ? 'glob' : 'unread',
      tried: [],
    }
  );
}

function isUnreadInclude(d: NginxDirective): boolean {
  return d.name === 'include' && !d.isEntry && includeResolution(d).status === 'unread';
}

/** Whether this level of the tree holds an include that could not be read. */
function levelUnknown(block: NginxDirective): boolean {
  // The level's includes from the by-name table: a server of thousands of locations is asked
  // once for each of them.
  return unknownLevels.has(block) || namedIn(block.block?.children ?? noDirectives, 'include').some(isUnreadInclude);
}

/**
 * Whether what applies in `block` cannot all be known: it or an enclosing block includes a file
 * that could not be read, which may set any directive there (headers, limits, locations). The
 * main context's own includes (modules, events) do not count.
 */
export function isUnknown(block: NginxDirective | undefined): boolean {
  for (let b = block; b; b = b.parent) if (levelUnknown(b)) return true;
  return false;
}

/** Whether an include that could not be read sits in `block` or anywhere inside it. */
export function holdsUnread(block: NginxDirective): boolean {
  if (levelUnknown(block)) return true;
  return [...effectiveDirectives(block.block?.children ?? [])].some(isUnreadInclude);
}

/** Whether an include that could not be read sits anywhere in the file outside the main context. */
export function fileHoldsUnread(config: NginxConfig): boolean {
  return [...effectiveDirectives(config.directives)].some((d) => isUnreadInclude(d) && d.parent !== undefined);
}

/**
 * `effective`, and whether the answer is unknown: a level searched before the directives were
 * found (the block itself, then each enclosing one) includes a file that could not be read, which
 * may set them there.
 */
export function effectiveKnown(
  block: NginxDirective | undefined,
  config: NginxConfig,
  name: string,
): { directives: NginxDirective[]; from: NginxDirective | undefined; unknown: boolean } {
  let unknown = false;
  for (let b: NginxDirective | undefined = block; ; b = b.parent) {
    if (b && levelUnknown(b)) unknown = true;
    const own = childNamed(b, config, name);
    if (own.length > 0 || !b) return { directives: own, from: b, unknown };
  }
}

/** The header names set by `add_header` directives, lower-cased. */
export function headerNames(directives: readonly NginxDirective[]): string[] {
  return directives.filter((d) => d.name === 'add_header').map((d) => (d.args[0]?.value ?? '').toLowerCase());
}

/**
 * A `return` that ends every request of its block without content: a redirect (3xx, or a bare
 * URL), an error or 444 (close the connection). `return 200 "text"` answers content.
 */
function returnsNothing(d: NginxDirective): boolean {
  if (d.name !== 'return' || d.isEntry) return false;
  const first = d.args[0]?.value ?? '';
  if (/^\d{3}$/.test(first)) return !first.startsWith('2');
  return /^(?:https?:\/\/|\$scheme:\/\/)/.test(first);
}

/** `deny all;` with no `allow` beside it (nor `satisfy any`, which lets a login through): every client is refused. */
function deniesAll(directives: readonly NginxDirective[]): boolean {
  return (
    directives.some((d) => d.name === 'deny' && d.args[0]?.value === 'all') &&
    !directives.some((d) => d.name === 'allow' || (d.name === 'satisfy' && d.args[0]?.value === 'any'))
  );
}

/** Directives inside an `if` that may answer with content before a later `return` runs. */
const ifContent = /^(?:return|rewrite|root|alias|try_files|\w+_pass)$/;

/**
 * Whether a block answers every request itself without content: a `return` of a redirect or an
 * error at its level (not behind a `rewrite`, which could send the request elsewhere first, nor
 * an `if` that may answer otherwise), or `deny all;`.
 */
export function answersNothing(block: NginxDirective, config: NginxConfig): boolean {
  const own = children(block, config).filter((d) => !d.isEntry);
  if (deniesAll(own)) return true;
  for (const d of own) {
    if (d.name === 'rewrite') return false;
    if (d.name === 'if' && children(d, config).some((c) => ifContent.test(c.name) && !returnsNothing(c))) return false;
    if (returnsNothing(d)) return true;
  }
  return false;
}

/** Directives that make a server answer with content at its own level (files, a proxy, an app). */
const serverContent = new Set([
  'root',
  'proxy_pass',
  'fastcgi_pass',
  'uwsgi_pass',
  'scgi_pass',
  'grpc_pass',
  'memcached_pass',
  'try_files',
  'autoindex',
  'js_content',
  'content_by_lua',
  'content_by_lua_block',
  'content_by_lua_file',
]);

/**
 * Locations a client reaches by its URL: not named (`@fallback`), not `internal`, not the ACME
 * challenge (which must stay on plain HTTP and serves nothing else).
 */
function reachableLocations(server: NginxDirective, config: NginxConfig): NginxDirective[] {
  return children(server, config).filter(
    (d) =>
      d.name === 'location' &&
      !d.isEntry &&
      !isAcmeChallenge(d) &&
      !(d.args[0]?.value ?? '').startsWith('@') &&
      !children(d, config).some((c) => c.name === 'internal'),
  );
}

/**
 * Whether a server serves something (files, a proxy, an answer with content) rather than nothing:
 * a server that answers every request with a redirect, an error or a refusal at its level, or one
 * whose every location does so while the server itself names no root, proxy or other content,
 * serves nothing (the HTTP-to-HTTPS redirect server, a `return 444` catch-all).
 */
export function servesContent(server: NginxDirective, config: NginxConfig): boolean {
  if (answersNothing(server, config)) return false;
  const locations = reachableLocations(server, config);
  if (locations.length === 0 || !locations.every((l) => answersNothing(l, config))) return true;
  // With a `location /` every request reaches a location; without one, what no location matches
  // is served at server level.
  const catchAll = locations.some((l) => ['/', '^~ /'].includes(l.args.map((a) => a.value).join(' ')));
  return !catchAll && children(server, config).some((d) => serverContent.has(d.name));
}

/** `location /.well-known/acme-challenge/`: must stay on plain HTTP for certificate renewal. */
export function isAcmeChallenge(location: NginxDirective): boolean {
  return location.name === 'location' && location.args.some((a) => a.value.startsWith('/.well-known/acme-challenge'));
}

function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The indentation a new line inside `block` should have (its first child's, or one level in). */
export function childIndentation(config: NginxConfig, block: NginxDirective): string {
  const first = block.block?.children[0];
  if (first) return indentationAt(config.text, first.start);
  const own = indentationAt(config.text, block.start);
  const unit = /\n( +|\t)\S/.exec(config.text)?.[1] ?? '  ';
  return own + (unit.startsWith('\t') ? '\t' : unit.length >= 4 ? '    ' : '  ');
}

/**
 * Inserts `lines` as the first statements of `block` (after any `listen`/`server_name` lines for
 * a server, so the server's identity stays on top), each on its own line.
 */
export function insertIntoBlock(
  config: NginxConfig,
  block: NginxDirective,
  lines: readonly string[],
  after: readonly string[] = [],
): OffsetEdit | undefined {
  const body = block.block;
  if (!body || body.opaque || block.virtual) return undefined;
  const indentation = childIndentation(config, block);
  const eol = /\r\n/.test(config.text) ? '\r\n' : '\n';
  const anchor = [...body.children].reverse().find((d) => after.includes(d.name));
  if (anchor) {
    return { start: anchor.end, end: anchor.end, newText: lines.map((line) => eol + indentation + line).join('') };
  }
  // After the `{` (and the rest of its line when the block continues on the next line).
  const lineEnd = config.text.indexOf('\n', body.open);
  const sameLine =
    lineEnd < 0 ||
    (body.children[0] && body.children[0].start < lineEnd) ||
    (body.close !== undefined && body.close < lineEnd);
  if (sameLine) {
    return {
      start: body.open + 1,
      end: body.open + 1,
      newText: lines.map((line) => eol + indentation + line).join('') + eol + indentationAt(config.text, block.start),
    };
  }
  const insertAt = lineEnd + 1;
  return { start: insertAt, end: insertAt, newText: lines.map((line) => indentation + line + eol).join('') };
}
