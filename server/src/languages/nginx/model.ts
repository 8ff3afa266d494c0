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

export function childNamed(block: NginxDirective | undefined, config: NginxConfig, name: string): NginxDirective[] {
  return children(block, config).filter((d) => d.name === name && !d.isEntry);
}

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

/** The header names set by `add_header` directives, lower-cased. */
export function headerNames(directives: readonly NginxDirective[]): string[] {
  return directives.filter((d) => d.name === 'add_header').map((d) => (d.args[0]?.value ?? '').toLowerCase());
}

/** Whether a server does more than redirect (serves files, proxies, or answers content). */
export function servesContent(server: NginxDirective, config: NginxConfig): boolean {
  const redirect = (d: NginxDirective): boolean =>
    d.name === 'return' && /^30[12378]$/.test(d.args[0]?.value ?? '') && /^https:\/\//.test(d.args[1]?.value ?? '');
  const own = children(server, config);
  if (own.some(redirect)) return false; // a server-level redirect answers every request first
  const locations = own.filter((d) => d.name === 'location' && !isAcmeChallenge(d));
  if (locations.length > 0 && locations.every((l) => children(l, config).some(redirect))) return false;
  return true;
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
