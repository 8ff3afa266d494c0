// Official nginx directive data (@nginx/reference-lib): which directives exist, where each is
// allowed, their syntax and documentation. Validation follows nginx's own model: a directive is
// allowed when one of its modules' entries lists the enclosing block as a context.
import type { Directive } from '@nginx/reference-lib';
import { escapeRegExp } from '../../core/text';
import type { NginxDirective } from './parser';

export type Family = 'main' | 'http' | 'stream' | 'mail';

let byName: Map<string, Directive[]> | undefined;

/**
 * Directives real nginx builds accept that the reference data lacks: NGINX Plus documents
 * `status_zone` for stream servers too, but the data only carries the http entries.
 */
const supplement: readonly Directive[] = [
  {
    name: 'status_zone',
    module: 'ngx_stream_status_module',
    description:
      'Enables collection of virtual server status information in the specified zone (NGINX Plus, stream servers).',
    syntax: ['*`zone`*'],
    contexts: ['server'],
    isBlock: false,
    default: '',
  },
];

/**
 * Directive entries by name (one per module that defines it). The reference data (1.7 MB) is
 * loaded on first use, so sessions without nginx files never pay for it; built once, read-only.
 */
export function directiveEntries(name: string): readonly Directive[] {
  if (!byName) {
    byName = new Map();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const reference = require('@nginx/reference-lib') as typeof import('@nginx/reference-lib');
    for (const directive of [...reference.getDirectives(reference.Format.Markdown), ...supplement]) {
      const list = byName.get(directive.name);
      if (list) list.push(directive);
      else byName.set(directive.name, [directive]);
    }
  }
  return byName.get(name) ?? [];
}

export function allDirectiveNames(): string[] {
  directiveEntries('');
  return [...(byName ?? new Map()).keys()];
}

/** Directives of set-misc-nginx-module (OpenResty). */
const setMisc = new Set([
  'set_if_empty',
  'set_quote_sql_str',
  'set_quote_pgsql_str',
  'set_quote_json_str',
  'set_unescape_uri',
  'set_escape_uri',
  'set_hashed_upstream',
  'set_encode_base32',
  'set_base32_padding',
  'set_base32_alphabet',
  'set_decode_base32',
  'set_encode_base64',
  'set_encode_base64url',
  'set_decode_base64',
  'set_decode_base64url',
  'set_encode_hex',
  'set_decode_hex',
  'set_sha1',
  'set_md5',
  'set_hmac_sha1',
  'set_hmac_sha256',
  'set_random',
  'set_secure_random_alphanum',
  'set_secure_random_lcalpha',
  'set_rotate',
  'set_local_today',
  'set_formatted_gmt_time',
  'set_formatted_local_time',
]);

/**
 * Well-known third-party modules: not in the official reference, not errors either. Their
 * arguments are not checked (nginx-sticky-module-ng's `sticky` differs from NGINX Plus's).
 */
export function isKnownThirdParty(name: string): boolean {
  return (
    setMisc.has(name) ||
    /(?:_by_lua(?:_block|_file)?|^lua_[a-z_]+|_by_lua_no_postpone)$/.test(name) ||
    /^more_(?:set|clear)_(?:input_)?headers$/.test(name) ||
    /^(?:brotli(?:_[a-z_]+)?|vhost_traffic_status\w*|(?:stream_)?server_traffic_status\w*|geoip2|geoip2_proxy\w*|modsecurity(?:_rules(?:_file)?|_transaction_id)?|pagespeed|passenger_\w+|headers_more\w*|upload_progress\w*|track_uploads|report_uploads|echo(?:_\w+)?|set_by_lua\w*|sticky|zstd\w*|fancyindex\w*|dav_ext_\w+|auth_pam\w*|auth_ldap\w*|ldap_server|nchan_\w+|push_stream_\w+|rtmp\w*|vod\w*|srcache_\w+|check|check_http_\w+|check_shm_size|check_status)$/.test(
      name,
    )
  );
}

/** The block a directive sits in, named as the reference names contexts. */
export function contextOf(directive: NginxDirective): { context: string; family: Family } {
  const path: string[] = [];
  for (let p = directive.parent; p; p = p.parent) path.unshift(p.name);
  const family: Family = path.includes('http')
    ? 'http'
    : path.includes('stream')
      ? 'stream'
      : path.includes('mail')
        ? 'mail'
        : 'main';
  const parent = path[path.length - 1];
  if (parent === undefined) return { context: 'main', family };
  if (parent === 'if') return { context: path[path.length - 2] === 'location' ? 'if in location' : 'if', family };
  return { context: parent, family };
}

/** The family a module's entry belongs to (http, stream, mail), or undefined for core and the others. */
export function entryFamily(entry: Directive): Exclude<Family, 'main'> | undefined {
  return /^ngx_(http|stream|mail)_/.exec(entry.module)?.[1] as Exclude<Family, 'main'> | undefined;
}

/** Whether a module's entry applies inside `family` (http, stream and mail share names like `server`). */
function inFamily(entry: Directive, family: Family): boolean {
  const module = entryFamily(entry);
  return module === undefined || family === 'main' || module === family;
}

/**
 * Whether the directive's block is a guess: it sits in a fragment (a file with no `http` or
 * `events`), whose top level the parser puts in a virtual `http` or `server`. Such a file may be
 * included anywhere (a location snippet, a stream.d file), so its family is not known either.
 */
export function inFragment(directive: NginxDirective): boolean {
  for (let p = directive.parent; p; p = p.parent) if (p.virtual) return true;
  return false;
}

/** Entries of `name` that apply in the directive's family (http, stream, mail or main). */
export function entriesFor(directive: NginxDirective): Directive[] {
  const { family } = contextOf(directive);
  return directiveEntries(directive.name).filter((entry) => inFamily(entry, family));
}

/** Whether the reference allows the directive where it is. Undefined when it cannot tell. */
export function isAllowedHere(directive: NginxDirective): boolean | undefined {
  const entries = directiveEntries(directive.name);
  if (entries.length === 0) return undefined;
  // The top of a fragment: the file may be included into any block.
  if (directive.parent?.virtual) return undefined;
  const { context, family } = contextOf(directive);
  // Blocks of third-party or unknown directives, or of a directive that takes none (`;` missing
  // before a block): their children cannot be judged.
  const parentEntries = directive.parent ? directiveEntries(directive.parent.name) : [];
  if (directive.parent && (parentEntries.length === 0 || parentEntries.every((e) => !e.isBlock))) return undefined;
  const candidates = inFragment(directive) ? entries : entries.filter((entry) => inFamily(entry, family));
  // The reference's "if" context covers every if; "if in location" only those inside a location.
  return candidates.some(
    (entry) =>
      entry.contexts.includes(context) ||
      entry.contexts.includes('') ||
      (context === 'if in location' && entry.contexts.includes('if')),
  );
}

const allowedNamesCache = new Map<string, string[]>();

/** Names allowed in a block context (for completion and "did you mean"); derived from constant data once per context. */
export function namesAllowedIn(context: string, family: Family): string[] {
  const key = `${family}:${context}`;
  const cached = allowedNamesCache.get(key);
  if (cached) return cached;
  const names = new Set<string>();
  for (const name of allDirectiveNames()) {
    for (const entry of directiveEntries(name)) {
      if (
        inFamily(entry, family) &&
        (entry.contexts.includes(context) ||
          entry.contexts.includes('') ||
          (context === 'if in location' && entry.contexts.includes('if')))
      )
        names.add(name);
    }
  }
  const sorted = [...names].sort();
  allowedNamesCache.set(key, sorted);
  return sorted;
}

/** Markdown documentation of a directive as the reference gives it. */
export function directiveDocs(entries: readonly Directive[]): string {
  return entries
    .map((entry) => {
      const syntax = entry.syntax.map((s) => `\`${entry.name}\` ${s.trim()}`).join('  \n');
      const parts = [`**${entry.name}** · ${entry.module}`, '', `**Syntax:** ${syntax}`];
      if (entry.default.trim()) parts.push(`**Default:** \`${entry.default.trim().replace(/\n\s*/g, ' ')}\``);
      parts.push(
        `**Context:** ${entry.contexts.filter((c) => c !== '').join(', ') || 'any'}`,
        '',
        entry.description.trim(),
      );
      return parts.join('\n');
    })
    .join('\n\n---\n\n');
}

// ---------------------------------------------------------------------------------------------
// Arguments: what the reference's syntax lines accept. Each line (`*`size`*`, `` `on` | `off` ``,
// `*`address`*[:*`port`*] [`default_server`] [`ssl`] …`) becomes a small grammar; a directive's
// arguments are checked against every syntax of every entry that applies where it is written,
// and only a directive no syntax accepts is reported. The data describes the newest nginx and
// NGINX Plus, so it accepts what older versions accept; anything it cannot read is not checked.
// ---------------------------------------------------------------------------------------------

/** What a position expects, for the message. */
type Expectation =
  | { kind: 'keyword'; words: readonly string[] }
  | { kind: 'size' | 'time' | 'number' | 'form'; text: string }
  | { kind: 'end' };

type SyntaxNode =
  | { kind: 'word'; test: (value: string) => boolean; expect: Expectation; named?: boolean }
  | { kind: 'seq'; items: readonly SyntaxNode[] }
  | { kind: 'optional'; body: SyntaxNode }
  /** One or more. */
  | { kind: 'repeat'; body: SyntaxNode }
  /**
   * Parameters in any order (nginx reads `listen 443 http2 ssl` as well as `ssl http2`): the
   * optional ones at most as written, each `required` one (`keys_zone=…`) at least once.
   */
  | { kind: 'anyOrder'; options: readonly SyntaxNode[]; required: readonly SyntaxNode[] }
  | { kind: 'alt'; options: readonly SyntaxNode[] };

type SyntaxToken = { t: 'lit'; text: string } | { t: 'ph'; name: string } | { t: '[' | ']' | '|' | '...' | 'ws' };

type SyntaxElement = Exclude<SyntaxToken, { t: '[' | ']' }> | { t: 'group'; body: SyntaxElement[] };

/** Tokens of a markdown syntax line; undefined for what is not a plain argument list (`if (…)`, perl code). */
function tokenizeSyntax(line: string): SyntaxToken[] | undefined {
  const out: SyntaxToken[] = [];
  const push = (token: SyntaxToken): void => {
    if (token.t === 'ws' && (out.length === 0 || out[out.length - 1].t === 'ws')) return;
    out.push(token);
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      while (i < line.length && /\s/.test(line[i])) i++;
      push({ t: 'ws' });
      continue;
    }
    if (line.startsWith('*`', i)) {
      const close = line.indexOf('`*', i + 2);
      if (close < 0) return undefined;
      // A placeholder written with spaces stands for several arguments (`export_name from module.js`).
      line
        .slice(i + 2, close)
        .trim()
        .split(/\s+/)
        .forEach((name, k) => {
          if (k > 0) push({ t: 'ws' });
          push({ t: 'ph', name });
        });
      i = close + 2;
      continue;
    }
    if (c === '`') {
      const close = line.indexOf('`', i + 1);
      if (close < 0) return undefined;
      const text = line.slice(i + 1, close).trim();
      i = close + 1;
      // `gzip[=]`: gzip, or gzip= with a value.
      const valued = /^(\w+)\[=\]$/.exec(text);
      if (valued)
        out.push(
          { t: 'lit', text: valued[1] },
          { t: '[' },
          { t: 'lit', text: '=' },
          { t: 'ph', name: 'value' },
          { t: ']' },
        );
      else if (text !== '{...}') push({ t: 'lit', text });
      continue;
    }
    if (line.startsWith('...', i)) {
      push({ t: '...' });
      i += 3;
      continue;
    }
    if (c === '[' || c === ']' || c === '|') {
      push({ t: c });
      i++;
      continue;
    }
    if (/["'(){}*]/.test(c)) return undefined;
    let j = i;
    while (j < line.length && !/[\s`*[\]|"'(){}]/.test(line[j]) && !line.startsWith('...', j)) j++;
    const text = line.slice(i, j);
    i = j;
    // A bare name standing for a value (`path`, `string`); bare punctuation is literal (`:`, `=`).
    push(/^[a-z][\w.-]*$/i.test(text) ? { t: 'ph', name: text } : { t: 'lit', text });
  }
  while (out.length > 0 && out[out.length - 1].t === 'ws') out.pop();
  if (out[0]?.t === 'ws') out.shift();
  return out;
}

function groupTokens(tokens: readonly SyntaxToken[]): SyntaxElement[] | undefined {
  let at = 0;
  const level = (): SyntaxElement[] | undefined => {
    const body: SyntaxElement[] = [];
    while (at < tokens.length) {
      const token = tokens[at++];
      if (token.t === ']') return body;
      if (token.t === '[') {
        const inner = level();
        if (!inner) return undefined;
        body.push({ t: 'group', body: inner });
        continue;
      }
      body.push(token);
    }
    return body;
  };
  const top = level();
  return at === tokens.length ? top : undefined;
}

const typedPlaceholders: Readonly<Record<string, { kind: 'size' | 'time' | 'number'; test: RegExp }>> = {
  // ngx_parse_size / ngx_parse_offset: bytes, k, m or g.
  size: { kind: 'size', test: /^\d+[kmg]?$/i },
  // ngx_parse_time: 1h30m, 500ms, 10s, 2d; a bare number is seconds. `expires` also takes -1 and @15h.
  // Numbers are separated by a unit or by spaces, so a run of digits is read one way only (linear).
  time: { kind: 'time', test: /^[@+-]?\d+(?:(?:ms|[yMwdhms])\s*\d+|\s+\d+)*(?:ms|[yMwdhms])?\s*$/ },
  timeout: { kind: 'time', test: /^\d+(?:(?:ms|[yMwdhms])\s*\d+|\s+\d+)*(?:ms|[yMwdhms])?\s*$/ },
  header_timeout: { kind: 'time', test: /^\d+(?:(?:ms|[yMwdhms])\s*\d+|\s+\d+)*(?:ms|[yMwdhms])?\s*$/ },
  number: { kind: 'number', test: /^[+-]?\d+$/ },
};

/** Placeholders that stand for any number of arguments (`server address [parameters]`). */
const variadicPlaceholders = new Set(['parameters', 'params', 'options']);

/** One argument written without spaces: `on|off`, `unix:path`, `backlog=number`, `size`. */
function compileWord(elements: readonly SyntaxElement[]): SyntaxNode | undefined {
  if (elements.some((e) => e.t === 'ws' || e.t === '...')) return undefined;
  const only = elements.length === 1 ? elements[0] : undefined;
  if (only?.t === 'ph') {
    if (variadicPlaceholders.has(only.name))
      return { kind: 'repeat', body: { kind: 'word', test: () => true, expect: { kind: 'form', text: only.name } } };
    const typed = typedPlaceholders[only.name];
    if (typed)
      return {
        kind: 'word',
        test: (v) => v.includes('$') || typed.test.test(v),
        expect: { kind: typed.kind, text: only.name },
      };
  }
  const display = (list: readonly SyntaxElement[]): string =>
    list
      .map((e) =>
        e.t === 'lit'
          ? e.text
          : e.t === 'ph'
            ? e.name
            : e.t === '|'
              ? '|'
              : e.t === 'group'
                ? `[${display(e.body)}]`
                : '',
      )
      .join('');
  const text = display(elements);
  // `key=value` parameters: the key decides; values are left to nginx (they may take variables).
  const leading: string[] = [];
  for (const e of elements) {
    if (e.t !== 'lit') break;
    leading.push(e.text);
  }
  const key = /^([^=]*=)/.exec(leading.join(''))?.[1];
  if (key !== undefined) {
    const pattern = new RegExp(`^${escapeRegExp(key)}[\\s\\S]*$`, 'i');
    return {
      kind: 'word',
      test: (v) => pattern.test(v),
      expect: { kind: 'keyword', words: [`${key}…`] },
      named: true,
    };
  }
  // `*`address`*:*`port`*`: the data's punctuation around placeholders is not exact (stream
  // `listen 12345` has no colon), so only a word that starts with a literal is held to its form.
  if (elements[0].t !== 'lit') return { kind: 'word', test: () => true, expect: { kind: 'form', text } };
  const source = (list: readonly SyntaxElement[]): string =>
    list
      .map((e) => {
        if (e.t === 'lit') return escapeRegExp(e.text);
        if (e.t === 'ph') return '[\\s\\S]*';
        if (e.t === '|') return '|';
        if (e.t === 'group') return `(?:${source(e.body)})?`;
        return '';
      })
      .join('');
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${source(elements)})$`, 'i');
  } catch {
    return undefined;
  }
  const literalOnly = elements.every((e) => e.t === 'lit' || e.t === '|');
  const expect: Expectation = literalOnly
    ? {
        kind: 'keyword',
        words: display(elements)
          .split('|')
          .map((w) => w.trim())
          .filter((w) => w !== ''),
      }
    : { kind: 'form', text };
  // Arguments with variables may be valid where the data does not say so.
  return { kind: 'word', test: (v) => pattern.test(v) || v.includes('$'), expect };
}

/**
 * A sequence of elements. `loose`: a `|` between spaces separates whole alternatives
 * (`*`name.json`* | *`name`* from *`file.json`*`); otherwise it binds the neighbouring words
 * only (`` `rotate` `90` | `180` ``). The reference writes both, so both readings are tried.
 */
function compileSequence(elements: readonly SyntaxElement[], loose: boolean): SyntaxNode | undefined {
  if (loose) {
    const parts: SyntaxElement[][] = [[]];
    elements.forEach((e, k) => {
      const spaced = e.t === '|' && (elements[k - 1]?.t === 'ws' || elements[k + 1]?.t === 'ws');
      if (spaced) parts.push([]);
      else parts[parts.length - 1].push(e);
    });
    if (parts.length > 1) {
      const options = parts.map((p) => compileSequence(trimSpace(p), false));
      return options.every((o) => o !== undefined) ? { kind: 'alt', options: options as SyntaxNode[] } : undefined;
    }
  }
  // Chunks between spaces: words, bracketed groups, `|` and `...`.
  const chunks: SyntaxElement[][] = [[]];
  for (const e of elements) {
    if (e.t === 'ws') chunks.push([]);
    else chunks[chunks.length - 1].push(e);
  }
  const items: SyntaxNode[] = [];
  let joinNext = false;
  for (const chunk of chunks.filter((c) => c.length > 0)) {
    if (chunk.length === 1 && chunk[0].t === '|') {
      joinNext = true;
      continue;
    }
    if (chunk.length === 1 && chunk[0].t === '...') {
      const last = items.pop();
      if (!last) return undefined;
      items.push({ kind: 'repeat', body: last });
      continue;
    }
    // `name...` written without the space.
    const repeated = chunk[chunk.length - 1].t === '...';
    const body = repeated ? chunk.slice(0, -1) : chunk;
    let node: SyntaxNode | undefined;
    if (body.length === 1 && body[0].t === 'group') {
      const inner = compileSequence(trimSpace(body[0].body), loose);
      node = inner && { kind: 'optional', body: inner };
    } else {
      node = compileWord(body);
    }
    if (!node) return undefined;
    if (repeated) node = { kind: 'repeat', body: node };
    if (joinNext && items.length > 0) {
      const previous = items.pop()!;
      const options = previous.kind === 'alt' ? [...previous.options, node] : [previous, node];
      items.push({ kind: 'alt', options });
    } else {
      items.push(node);
    }
    joinNext = false;
  }
  // Runs of parameters (optional groups, `key=value` words) may come in any order.
  const grouped: SyntaxNode[] = [];
  let run: { options: SyntaxNode[]; required: SyntaxNode[] } | undefined;
  const flush = (): void => {
    if (!run) return;
    if (run.options.length + run.required.length === 1)
      grouped.push(run.required[0] ?? { kind: 'optional', body: run.options[0] });
    else grouped.push({ kind: 'anyOrder', options: run.options, required: run.required });
    run = undefined;
  };
  for (const item of items) {
    const parameter = item.kind === 'optional' || (item.kind === 'word' && item.named === true);
    if (!parameter) {
      flush();
      grouped.push(item);
      continue;
    }
    run ??= { options: [], required: [] };
    if (item.kind === 'optional') run.options.push(item.body);
    else run.required.push(item);
  }
  flush();
  return grouped.length === 1 ? grouped[0] : { kind: 'seq', items: grouped };
}

function trimSpace(list: readonly SyntaxElement[]): SyntaxElement[] {
  let start = 0;
  let end = list.length;
  while (start < end && list[start].t === 'ws') start++;
  while (end > start && list[end - 1].t === 'ws') end--;
  return list.slice(start, end);
}

const compiledSyntax = new Map<Directive, SyntaxNode | null>();

/** Syntax lines the data writes less exactly than nginx checks them. */
const syntaxOverrides: Readonly<Record<string, readonly string[]>> = {
  // The data writes the flag as a placeholder; nginx knows four.
  'ngx_http_rewrite_module:rewrite': ['*`regex`* *`replacement`* [`last` | `break` | `redirect` | `permanent`]'],
  // Written without an argument since 1.7.5; `stub_status on;` is still accepted.
  'ngx_http_stub_status_module:stub_status': ['[*`value`*]'],
};

/** Parameters nginx still accepts but no longer documents. */
const legacyParameters: Readonly<Record<string, string>> = {
  // The old spelling of default_server.
  'ngx_http_core_module:listen': ' [`default`]',
};

/** The grammar of all of an entry's syntax lines, in both readings of `|`; null when unreadable. */
function entrySyntax(entry: Directive): SyntaxNode | null {
  const cached = compiledSyntax.get(entry);
  if (cached !== undefined) return cached;
  const options: SyntaxNode[] = [];
  const key = `${entry.module}:${entry.name}`;
  const lines = (syntaxOverrides[key] ?? entry.syntax).map((line) => line + (legacyParameters[key] ?? ''));
  let readable = lines.length > 0;
  for (const line of lines) {
    const tokens = tokenizeSyntax(line);
    const elements = tokens && groupTokens(tokens);
    if (!elements) {
      readable = false;
      break;
    }
    if (elements.length === 0) {
      options.push({ kind: 'seq', items: [] });
      continue;
    }
    for (const loose of [false, true]) {
      const node = compileSequence(elements, loose);
      if (!node) readable = false;
      else options.push(node);
    }
  }
  const result: SyntaxNode | null = readable ? { kind: 'alt', options } : null;
  compiledSyntax.set(entry, result);
  return result;
}

interface MatchState {
  args: readonly string[];
  furthest: number;
  expected: Expectation[];
}

function fail(state: MatchState, at: number, expect: Expectation): void {
  if (at > state.furthest) {
    state.furthest = at;
    state.expected = [expect];
  } else if (at === state.furthest) state.expected.push(expect);
}

/** The argument positions a node can end at when it starts at `pos` (sets of positions: no backtracking blow-up). */
function ends(node: SyntaxNode, pos: number, state: MatchState): number[] {
  switch (node.kind) {
    case 'word':
      if (pos < state.args.length && node.test(state.args[pos])) return [pos + 1];
      fail(state, pos, node.expect);
      return [];
    case 'seq': {
      let current = [pos];
      for (const item of node.items) {
        current = union(current.map((p) => ends(item, p, state)));
        if (current.length === 0) break;
      }
      return current;
    }
    case 'optional':
      return union([[pos], ends(node.body, pos, state)]);
    case 'alt':
      return union(node.options.map((o) => ends(o, pos, state)));
    case 'repeat': {
      const reached = new Set<number>();
      let frontier = [pos];
      let first = true;
      while (frontier.length > 0) {
        const next: number[] = [];
        for (const p of frontier)
          for (const e of ends(node.body, p, state))
            if ((e > p || first) && !reached.has(e)) {
              reached.add(e);
              next.push(e);
            }
        frontier = next;
        first = false;
      }
      return [...reached].sort((a, b) => a - b);
    }
    case 'anyOrder': {
      // States: a position and which required parameters were seen (a handful at most).
      const required = node.required.slice(0, 16);
      const full = (1 << required.length) - 1;
      const seen = new Set<number>([pos * 65536]);
      let frontier: Array<[number, number]> = [[pos, 0]];
      const done = new Set<number>();
      while (frontier.length > 0) {
        const next: Array<[number, number]> = [];
        for (const [p, mask] of frontier) {
          if (mask === full) done.add(p);
          const step = (e: number, m: number): void => {
            if (e <= p && m === mask) return;
            const key = e * 65536 + m;
            if (seen.has(key)) return;
            seen.add(key);
            next.push([e, m]);
          };
          for (const option of node.options) for (const e of ends(option, p, state)) step(e, mask);
          required.forEach((word, i) => {
            for (const e of ends(word, p, state)) step(e, mask | (1 << i));
          });
        }
        frontier = next;
      }
      return [...done].sort((a, b) => a - b);
    }
  }
}

function union(lists: readonly number[][]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

function countRange(node: SyntaxNode): { min: number; max: number } {
  switch (node.kind) {
    case 'word':
      return { min: 1, max: 1 };
    case 'seq':
      return node.items.map(countRange).reduce((a, b) => ({ min: a.min + b.min, max: a.max + b.max }), {
        min: 0,
        max: 0,
      });
    case 'optional':
      return { min: 0, max: countRange(node.body).max };
    case 'repeat': {
      const body = countRange(node.body);
      return { min: body.min, max: body.max === 0 ? 0 : Infinity };
    }
    case 'anyOrder':
      return {
        min: node.required.length,
        max: [...node.options, ...node.required].map(countRange).reduce((n, r) => n + r.max, 0),
      };
    case 'alt': {
      const ranges = node.options.map(countRange);
      return {
        min: Math.min(...ranges.map((r) => r.min)),
        max: Math.max(...ranges.map((r) => r.max)),
      };
    }
  }
}

/** Directives whose last arguments are a value (a header, a parameter, a response text). */
const valueDirectives = new Set([
  'add_header',
  'add_trailer',
  'proxy_set_header',
  'grpc_set_header',
  'fastcgi_param',
  'uwsgi_param',
  'scgi_param',
  'set',
  'return',
  'sub_filter',
]);

export interface ArgumentProblem {
  start: number;
  end: number;
  message: string;
}

/** Entries whose syntax applies to the directive where it is written (its family, its block). */
function applicableEntries(directive: NginxDirective): Directive[] {
  const { context, family } = contextOf(directive);
  const guessed = inFragment(directive);
  const inFamilyEntries = directiveEntries(directive.name).filter((entry) => guessed || inFamily(entry, family));
  // The top of a fragment may be included anywhere (a list of upstream servers into an upstream).
  if (directive.parent?.virtual) return inFamilyEntries;
  const here = inFamilyEntries.filter(
    (entry) =>
      entry.contexts.includes(context) ||
      entry.contexts.includes('') ||
      (context === 'if in location' && entry.contexts.includes('if')),
  );
  return here.length > 0 ? here : inFamilyEntries;
}

const acceptedArguments = new Set<string>();
const MAX_ACCEPTED = 20000;

/**
 * What `nginx -t` would say about the directive's arguments or block, when the reference's syntax
 * rules them out: too many or too few arguments, `on|off` flags, sizes, times, numbers, unknown
 * keyword parameters (`listen 80 server_name x` is a `listen` with a bad parameter: the `;` is
 * missing). Undefined when some syntax accepts it, or when the data cannot tell.
 */
export function argumentProblem(directive: NginxDirective, text: string): ArgumentProblem | undefined {
  if (directive.isEntry || directive.foreign || directive.virtual || isKnownThirdParty(directive.name))
    return undefined;
  if (directive.parent && !directive.parent.virtual && directiveEntries(directive.parent.name).length === 0)
    return undefined;
  const entries = applicableEntries(directive);
  if (entries.length === 0) return undefined;
  const args = directive.args;
  const name = directive.name;
  const swallowed = (upTo: number): number | undefined => {
    // A `;` missing at the end of a line: the next line's directive name became an argument.
    for (let k = Math.min(upTo, args.length - 1); k >= 1; k--) {
      const arg = args[k];
      if (arg.quoted || !text.slice(args[k - 1].end, arg.start).includes('\n')) continue;
      if (directiveEntries(arg.value).length > 0 || isKnownThirdParty(arg.value)) return k;
    }
    return undefined;
  };
  const missingSemicolon = (k: number, detail: string): ArgumentProblem => ({
    start: directive.nameStart,
    end: args[k - 1].end,
    message: `Missing ';' after '${text.slice(directive.nameStart, args[k - 1].end).replace(/\s+/g, ' ')}': nginx reads '${args[k].value}' on the next line as more of its arguments (${detail}).`,
  });

  // A block where none is taken, or none where one is required.
  if (entries.every((e) => !e.isBlock) && directive.block) {
    const k = swallowed(args.length - 1);
    const detail = `'${name}' takes no { } block`;
    if (k !== undefined) return missingSemicolon(k, detail);
    return { start: directive.nameStart, end: directive.nameEnd, message: `${detail}.` };
  }
  if (entries.every((e) => e.isBlock) && !directive.block) {
    return {
      start: directive.nameStart,
      end: directive.end,
      message: `'${name}' needs a { } block; nginx -t fails with "directive has no opening {".`,
    };
  }

  const grammars = entries.map(entrySyntax);
  if (grammars.some((g) => g === null)) return undefined;
  const values = args.map((a) => a.value);
  // Most directives repeat (`listen 80`, `proxy_set_header Host $host`): an accepted argument
  // list is remembered, so the grammars run once per distinct one.
  const key = `${name}\u0000${entries.map((e) => e.module).join('\u0001')}\u0000${values.join('\u0001')}`;
  if (acceptedArguments.has(key)) return undefined;
  const state: MatchState = { args: values, furthest: -1, expected: [] };
  let maxEnd = -1;
  for (const grammar of grammars as SyntaxNode[]) {
    const reached = ends(grammar, 0, state);
    if (reached.includes(values.length)) {
      if (acceptedArguments.size >= MAX_ACCEPTED) acceptedArguments.clear();
      acceptedArguments.add(key);
      return undefined;
    }
    if (reached.length > 0) maxEnd = Math.max(maxEnd, reached[reached.length - 1]);
  }
  if (maxEnd >= 0) fail(state, maxEnd, { kind: 'end' });
  const at = state.furthest;
  const ranges = (grammars as SyntaxNode[]).map(countRange);
  const min = Math.min(...ranges.map((r) => r.min));
  const max = Math.max(...ranges.map((r) => r.max));
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;

  if (at >= values.length) {
    const needs =
      min > values.length
        ? min === max
          ? `needs ${plural(min)}`
          : `needs at least ${plural(min)}`
        : 'needs more arguments';
    return {
      start: directive.nameStart,
      end: args.length > 0 ? args[args.length - 1].end : directive.nameEnd,
      message: `'${name}' ${needs}${values.length > 0 ? `, not ${values.length}` : ''}.`,
    };
  }
  const arg = args[at];
  const expected = state.expected.filter((e) => e.kind !== 'end');
  let detail: string;
  // Extra words on the line of a header or parameter value: usually a value with spaces, unquoted.
  const quoteHint = valueDirectives.has(name) ? '; a value with spaces needs quotes' : '';
  if (expected.length === 0) {
    detail =
      max < values.length
        ? `'${name}' takes ${min === max ? '' : 'at most '}${plural(max)}, not ${values.length}${quoteHint ? ` (${quoteHint.slice(2)})` : ''}`
        : `'${arg.value}' is not expected there`;
  } else if (expected.every((e) => e.kind === 'keyword')) {
    const words = [...new Set(expected.flatMap((e) => (e.kind === 'keyword' ? e.words : [])))];
    const flag = words.length === 2 && words.includes('on') && words.includes('off');
    detail = flag
      ? `'${name}' takes on or off, not '${arg.value}'`
      : words.length === 1
        ? `'${arg.value}' is not a parameter of '${name}' (only ${words[0]} may follow${quoteHint})`
        : words.length <= 8 && words.every((w) => !w.endsWith('…'))
          ? `'${arg.value}' is not one of ${words.join(', ')}`
          : `'${arg.value}' is not a parameter of '${name}'`;
  } else if (expected.every((e) => e.kind === 'size')) {
    detail = `'${arg.value}' is not a size (write 512, 64k, 10m or 1g)`;
  } else if (expected.every((e) => e.kind === 'time')) {
    detail = `'${arg.value}' is not a time (write 30s, 5m, 1h, 1d or 500ms)`;
  } else if (expected.every((e) => e.kind === 'number')) {
    detail = `'${arg.value}' is not a number`;
  } else if (expected.every((e) => e.kind !== 'form')) {
    const kinds = [
      ...new Set(
        expected.flatMap((e) =>
          e.kind === 'keyword'
            ? e.words
            : e.kind === 'size'
              ? ['a size']
              : e.kind === 'time'
                ? ['a time']
                : ['a number'],
        ),
      ),
    ].sort((a, b) => Number(!a.startsWith('a ')) - Number(!b.startsWith('a ')));
    detail = `'${arg.value}' is not ${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
  } else {
    detail = `'${arg.value}' is not a valid argument of '${name}' here`;
  }
  const k = swallowed(at);
  if (k !== undefined) return missingSemicolon(k, detail);
  return { start: arg.start, end: arg.end, message: `${detail[0].toUpperCase()}${detail.slice(1)}.` };
}
