// Where the value of an nginx variable comes from, as gixy follows it: `set` in the same or an
// enclosing block, `map` blocks, regex captures (numbered and named) of the enclosing
// `location ~`, of a `rewrite` before the directive, of an enclosing `if ($x ~ …)` and of a
// `server_name ~…`, and nginx's built-in variables. A value is a list of pieces (text and
// variables); a variable with several definitions gives several alternatives.
import { shorten } from '../../core/text';
import { effectiveDirectives, type NginxArgument, type NginxConfig, type NginxDirective } from './parser';
import { CharSet, charsOf, firstOf, parseRegex, type ParsedRegex } from './regex';

/** What is known of a variable's value. */
export interface Traits {
  /** A client decides (part of) the value. */
  user: boolean;
  /** The characters it can hold. */
  chars: CharSet;
  /** It always starts a path or query (`/`, `?`), so it cannot extend a host name before it. */
  startsPath: boolean;
}

/** A regex whose captures a variable reads. */
export interface CaptureSource {
  directive: NginxDirective;
  /** As written: `location ~ ^/proxy/(.*)$`. */
  label: string;
  /** Undefined when the pattern is outside what the regex parser reads. */
  regex: ParsedRegex | undefined;
  /** What the pattern is matched against. */
  subject: Traits;
}

/** A `set` or `map` a value passed through, outermost first. */
export interface Hop {
  name: string;
  kind: 'set' | 'map';
  directive: NginxDirective;
}

export interface VariablePiece {
  kind: 'variable';
  /** The variable the value finally comes from, as nginx names it: `$1`, `$arg_host`. */
  name: string;
  traits: Traits;
  /** Where that variable comes from: "$arg_host, a query argument". */
  origin: string;
  capture?: CaptureSource;
  via: Hop[];
  /** The reference as written in the analyzed value (the first hop's name when there is one). */
  written: string;
}

export type Piece = { kind: 'text'; text: string } | VariablePiece;

const all = CharSet.all();
const breaks = CharSet.of('\n\r');
const singleLine = breaks.negate();
const noSpace = CharSet.of(' \t\n\r\f\v').negate();
const opaque: Traits = { user: false, chars: all, startsPath: false };

interface Builtin {
  traits: Traits;
  what: string;
}

/** nginx's variables that carry request data, by name or prefix (`arg_`). */
function builtin(name: string): Builtin | undefined {
  const user = (chars: CharSet, what: string, startsPath = false): Builtin => ({
    traits: { user: true, chars, startsPath },
    what,
  });
  if (name.startsWith('arg_')) return user(noSpace.intersect(CharSet.of('&').negate()), 'a query argument');
  if (name === 'http_host') return user(singleLine, 'the Host header as the client sent it');
  if (name.startsWith('http_')) return user(singleLine, 'a request header');
  if (name.startsWith('cookie_')) return user(noSpace.intersect(CharSet.of(';').negate()), 'a cookie');
  switch (name) {
    case 'uri':
    case 'document_uri':
      return user(all, 'the decoded request path', true);
    case 'request_uri':
      return user(noSpace, 'the request path and query as sent', true);
    case 'args':
    case 'query_string':
      return user(noSpace, 'the query string');
    case 'request_body':
      return user(all, 'the request body');
    case 'request':
      return user(singleLine, 'the request line');
    case 'content_type':
      return user(singleLine, 'the Content-Type header');
    case 'remote_user':
      return user(singleLine, 'the Basic auth user name');
    case 'request_filename':
    case 'fastcgi_script_name':
    case 'fastcgi_path_info':
      return user(all, 'a path made of the decoded request path');
    case 'is_args':
      return { traits: { user: false, chars: CharSet.of('?'), startsPath: true }, what: '"?" or nothing' };
    default:
      return undefined;
  }
}

/** The parts of an nginx script: text, and variable references (`$x`, `${x}`, `$1`). */
export function scriptParts(text: string): Array<{ text: string } | { variable: string; written: string }> {
  const parts: Array<{ text: string } | { variable: string; written: string }> = [];
  const reference = /\$(?:\{([A-Za-z0-9_]+)\}|([0-9])|([A-Za-z_][A-Za-z0-9_]*))/g;
  let at = 0;
  for (const m of text.matchAll(reference)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ variable: (m[1] ?? m[2] ?? m[3]).toLowerCase(), written: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** `if (…)`'s condition: the subject, the operator and the pattern argument (its `)` left out). */
export function ifCondition(
  directive: NginxDirective,
): { subject: string; operator?: string; pattern?: { arg: NginxArgument; value: string } } | undefined {
  if (directive.name !== 'if') return undefined;
  const args = directive.args.map((arg) => ({ arg, value: arg.value }));
  if (args.length > 0 && !args[0].arg.quoted) {
    args[0].value = args[0].value.replace(/^\(/, '');
    if (args[0].value === '') args.shift();
  }
  const last = args[args.length - 1];
  if (last && !last.arg.quoted) {
    last.value = last.value.replace(/\)$/, '');
    if (last.value === '') args.pop();
  }
  const [subject, operator, pattern] = args;
  if (!subject) return undefined;
  return {
    subject: subject.value,
    ...(operator ? { operator: operator.value } : {}),
    ...(pattern ? { pattern } : {}),
  };
}

/** The regex of `location ~ …` / `location ~* …` / `location ~…`. */
export function locationPattern(directive: NginxDirective): { value: string; caseless: boolean } | undefined {
  if (directive.name !== 'location') return undefined;
  const [first, second] = directive.args;
  if (!first) return undefined;
  if ((first.value === '~' || first.value === '~*') && second)
    return { value: second.value, caseless: first.value === '~*' };
  const inline = /^~(\*?)(.+)$/.exec(first.value);
  return inline && !first.quoted ? { value: inline[2], caseless: inline[1] === '*' } : undefined;
}

/** A `location` marked `internal;`: only internal redirects reach it, never a client directly. */
export function isInternalLocation(location: NginxDirective): boolean {
  return (location.block?.children ?? []).some((d) => d.name === 'internal' && !d.isEntry);
}

const rewritePhase = new Set(['set', 'rewrite', 'return', 'if', 'break']);
const maxAlternatives = 16;
const maxDepth = 6;

function hasUser(alternative: readonly Piece[]): boolean {
  return alternative.some((p) => p.kind === 'variable' && p.traits.user);
}

/** Keeps the alternatives that carry request data first, then at most `maxAlternatives`. */
function cap(alternatives: Piece[][]): Piece[][] {
  if (alternatives.length <= maxAlternatives) return alternatives;
  return [...alternatives.filter(hasUser), ...alternatives.filter((a) => !hasUser(a))].slice(0, maxAlternatives);
}

/** A map's entry regexes: a value of the entry reads that entry's captures. */
interface Scope {
  at: NginxDirective;
  captures?: CaptureSource;
  depth: number;
  expanding: ReadonlySet<string>;
}

export class NginxVariables {
  private readonly maps = new Map<string, NginxDirective[]>();
  private readonly patterns = new Map<string, ParsedRegex | undefined>();
  private readonly constantOutputs = new Set<string>();

  constructor(
    private readonly config: NginxConfig,
    private readonly lineOf: (offset: number) => number,
  ) {
    for (const d of effectiveDirectives(config.directives)) {
      if (d.isEntry || !d.block) continue;
      if (d.name === 'map') {
        const output = d.args[1]?.value.toLowerCase().replace(/^\$/, '');
        if (!output) continue;
        const list = this.maps.get(output);
        if (list) list.push(d);
        else this.maps.set(output, [d]);
      } else if (d.name === 'geo' || d.name === 'split_clients') {
        const output = d.args[d.args.length - 1]?.value.toLowerCase().replace(/^\$/, '');
        if (output) this.constantOutputs.add(output);
      }
    }
  }

  /** Parses each pattern once per file (a map's entries are read at every use of its variable). */
  private regex(pattern: string, caseless: boolean): ParsedRegex | undefined {
    const key = `${caseless ? 'i' : '-'}${pattern}`;
    if (!this.patterns.has(key)) this.patterns.set(key, parseRegex(pattern, caseless));
    return this.patterns.get(key);
  }

  /** The values `text`, written in `at`, can take. */
  values(text: string, at: NginxDirective): Piece[][] {
    return this.expand(text, { at, depth: 0, expanding: new Set() });
  }

  /** Where a variable piece's value comes from, for a message. */
  describe(piece: VariablePiece): string {
    let text = piece.origin;
    for (let i = piece.via.length - 1; i >= 0; i--) {
      const hop = piece.via[i];
      const where = hop.directive.foreign ? 'in an included file' : `on line ${this.lineOf(hop.directive.start) + 1}`;
      const how = `${hop.kind === 'set' ? 'set' : 'mapped'} ${where} from ${text}`;
      text = i === 0 ? `${hop.name} (${how})` : `${hop.name}, ${how}`;
    }
    return text;
  }

  /** Combined traits of every alternative of a value (for a regex subject). */
  traitsOf(text: string, at: NginxDirective): Traits {
    const alternatives = this.values(text, at);
    let user = false;
    let chars = CharSet.empty();
    let startsPath = alternatives.length > 0;
    for (const alternative of alternatives) {
      const first = alternative.find((p) => p.kind === 'variable' || p.text !== '');
      if (!first || (first.kind === 'text' ? !/^[/?]/.test(first.text) : !first.traits.startsPath)) startsPath = false;
      for (const piece of alternative) {
        if (piece.kind === 'text') chars = chars.union(CharSet.of(piece.text));
        else {
          user ||= piece.traits.user;
          chars = chars.union(piece.traits.chars);
        }
      }
    }
    return { user, chars, startsPath };
  }

  private expand(text: string, scope: Scope): Piece[][] {
    let result: Piece[][] = [[]];
    for (const part of scriptParts(text)) {
      const options: Piece[][] =
        'text' in part ? [[{ kind: 'text', text: part.text }]] : this.resolve(part.variable, part.written, scope);
      const next: Piece[][] = [];
      for (const left of result) for (const right of options) next.push([...left, ...right]);
      result = cap(next);
    }
    return result;
  }

  private resolve(name: string, written: string, scope: Scope): Piece[][] {
    const leaf = (traits: Traits, origin: string, capture?: CaptureSource): Piece[][] => [
      [
        {
          kind: 'variable',
          name: `$${name}`,
          traits,
          origin,
          via: [],
          written,
          ...(capture ? { capture } : {}),
        },
      ],
    ];
    if (scope.depth > maxDepth || scope.expanding.has(name)) return leaf(opaque, `$${name}`);
    if (/^[0-9]$/.test(name)) {
      const source = scope.captures ?? this.captureSource(scope.at, () => true);
      return this.captureLeaf(name, source, leaf);
    }
    const inner = (at: NginxDirective, captures?: CaptureSource): Scope => ({
      at,
      depth: scope.depth + 1,
      expanding: new Set([...scope.expanding, name]),
      ...(captures ? { captures } : {}),
    });
    const tag = (alternatives: Piece[][], hop: Hop): Piece[][] =>
      alternatives.map((alternative) =>
        alternative.map((piece) =>
          piece.kind === 'variable' ? { ...piece, via: [hop, ...piece.via], written } : piece,
        ),
      );

    const sets = this.setsFor(name, scope.at);
    const result: Piece[][] = [];
    for (const set of sets.definitions) {
      const value = set.args[1]?.value ?? '';
      result.push(...tag(this.expand(value, inner(set)), { name: `$${name}`, kind: 'set', directive: set }));
    }
    if (sets.complete) return cap(result);

    const named =
      scope.captures?.regex?.groups.some((g) => g.name?.toLowerCase() === name) === true
        ? scope.captures
        : this.captureSource(scope.at, (s) => s.regex?.groups.some((g) => g.name?.toLowerCase() === name) === true);
    if (named) return cap([...result, ...this.captureLeaf(name, named, leaf)]);

    const maps = this.maps.get(name);
    if (maps) {
      for (const map of maps) {
        const alternatives = this.mapValues(map, inner(scope.at));
        result.push(...tag(alternatives, { name: `$${name}`, kind: 'map', directive: map }));
      }
      return cap(result);
    }
    if (this.constantOutputs.has(name)) return cap([...result, ...leaf(opaque, `$${name}`)]);
    const known = builtin(name);
    if (known) return cap([...result, ...leaf(known.traits, `$${name}, ${known.what}`)]);
    return cap([...result, ...leaf(opaque, `$${name}`)]);
  }

  private captureLeaf(
    name: string,
    source: CaptureSource | undefined,
    leaf: (traits: Traits, origin: string, capture?: CaptureSource) => Piece[][],
  ): Piece[][] {
    const numbered = /^[0-9]$/.test(name);
    if (!source) {
      // The regex is not in this file (a snippet included into a location, say): a capture of
      // the request, but of a pattern we cannot read, so no claim about line breaks.
      return numbered
        ? leaf({ user: true, chars: singleLine, startsPath: false }, `$${name}, a regex capture of the request`)
        : leaf(opaque, `$${name}`);
    }
    const origin = `$${name} from ${source.label}`;
    if (!source.regex)
      return leaf({ ...source.subject, chars: source.subject.chars.intersect(singleLine) }, origin, source);
    const index = numbered ? Number(name) : undefined;
    const group =
      index === 0
        ? { body: source.regex.root }
        : source.regex.groups.find((g) => (index !== undefined ? g.index === index : g.name?.toLowerCase() === name));
    if (!group) return [[{ kind: 'text', text: '' }]];
    const chars = charsOf(group.body).intersect(source.subject.chars);
    const first = firstOf(group.body);
    return leaf(
      {
        user: source.subject.user && !chars.isEmpty,
        chars,
        startsPath: !first.nullable && first.first.within(CharSet.of('/?')),
      },
      origin,
      source,
    );
  }

  private readonly mapped = new Map<NginxDirective, Piece[][]>();

  /**
   * The values of a map's entries, read once per map where the map stands (nginx reads them
   * where the variable is used, but a map value that depends on a location's `set` is rare).
   * Values with request data come first; at most `maxAlternatives` are kept.
   */
  private mapValues(map: NginxDirective, scope: Scope): Piece[][] {
    const cached = this.mapped.get(map);
    if (cached) return cached;
    const at: Scope = { ...scope, at: map };
    const sourceText = map.args[0]?.value ?? '';
    const subject = this.traitsOf(sourceText, map);
    const withData: Piece[][] = [];
    const constants: Piece[][] = [];
    for (const entry of map.block?.children ?? []) {
      if (withData.length >= maxAlternatives) break;
      if (entry.name === 'hostnames' || entry.name === 'volatile' || entry.name === 'include') continue;
      const value = entry.args[0]?.value;
      if (value === undefined) continue;
      if (!value.includes('$')) {
        if (constants.length < maxAlternatives) constants.push([{ kind: 'text', text: value }]);
        continue;
      }
      let captures: CaptureSource | undefined;
      const regex = /^~(\*?)(.*)$/s.exec(entry.name);
      if (regex) {
        captures = {
          directive: entry,
          label: `map ${shorten(sourceText, 30)} entry ${shorten(entry.name, 50)}`,
          regex: this.regex(regex[2], regex[1] === '*'),
          subject,
        };
      }
      for (const alternative of this.expand(value, { ...at, ...(captures ? { captures } : {}) }))
        (hasUser(alternative) ? withData : constants).push(alternative);
    }
    const result = cap([...withData, ...constants]);
    this.mapped.set(map, result);
    return result;
  }

  /** The `set $name` directives whose value `at` sees, and whether one of them always applies. */
  private setsFor(name: string, at: NginxDirective): { definitions: NginxDirective[]; complete: boolean } {
    const target = `$${name}`;
    const definitions: NginxDirective[] = [];
    let child = at;
    for (let level = at.parent; level; child = level, level = level.parent) {
      if (level.name !== 'if' && level.name !== 'location' && level.name !== 'server') break;
      const list = level.block?.children ?? [];
      const index = this.indexIn(list, child);
      const limit = rewritePhase.has(at.name) && index >= 0 ? index : list.length;
      let found: NginxDirective[] = [];
      let always = false;
      for (const entry of this.setsIn(level).get(target) ?? []) {
        if (entry.index >= limit) break;
        if (entry.index === index) continue;
        if (entry.set) {
          found = [entry.set];
          always = true;
        } else found.push(...entry.inIf);
      }
      definitions.push(...found);
      if (always) return { definitions, complete: true };
      if (level.name === 'server') break;
    }
    return { definitions, complete: false };
  }

  private readonly setTables = new Map<
    NginxDirective,
    Map<string, Array<{ index: number; set?: NginxDirective; inIf: NginxDirective[] }>>
  >();

  /**
   * The `set`s of a block by variable, in order: written there, or inside an `if` there (and the
   * `if`s within). Built once per block: a server of thousands of locations asks for each of them.
   */
  private setsIn(
    block: NginxDirective,
  ): Map<string, Array<{ index: number; set?: NginxDirective; inIf: NginxDirective[] }>> {
    let table = this.setTables.get(block);
    if (table) return table;
    table = new Map();
    const add = (target: string, entry: { index: number; set?: NginxDirective; inIf: NginxDirective[] }): void => {
      const list = table!.get(target);
      if (list) list.push(entry);
      else table!.set(target, [entry]);
    };
    const inside = (d: NginxDirective, into: Map<string, NginxDirective[]>): void => {
      for (const c of d.block?.children ?? []) {
        if (c.name === 'set') {
          const target = c.args[0]?.value.toLowerCase();
          if (target) into.set(target, [...(into.get(target) ?? []), c]);
        } else if (c.name === 'if') inside(c, into);
      }
    };
    (block.block?.children ?? []).forEach((d, index) => {
      if (d.isEntry) return;
      if (d.name === 'set') {
        const target = d.args[0]?.value.toLowerCase();
        if (target) add(target, { index, set: d, inIf: [] });
      } else if (d.name === 'if') {
        const sets = new Map<string, NginxDirective[]>();
        inside(d, sets);
        for (const [target, inIf] of sets) add(target, { index, inIf });
      }
    });
    this.setTables.set(block, table);
    return table;
  }

  private readonly serverNames = new Map<NginxDirective, CaptureSource[]>();

  /** The `server_name ~…` patterns of a server, as capture sources (once per server). */
  private serverNameSources(server: NginxDirective): CaptureSource[] {
    let sources = this.serverNames.get(server);
    if (sources) return sources;
    sources = [];
    for (const serverName of server.block?.children ?? []) {
      if (serverName.name !== 'server_name') continue;
      for (const arg of serverName.args) {
        if (!arg.value.startsWith('~')) continue;
        sources.push({
          directive: serverName,
          label: `server_name ${shorten(arg.raw, 60)}`,
          regex: this.regex(arg.value.slice(1), true),
          subject: { user: true, chars: noSpace.intersect(CharSet.of('/\0').negate()), startsPath: false },
        });
      }
    }
    this.serverNames.set(server, sources);
    return sources;
  }

  private readonly rewriteTables = new WeakMap<readonly NginxDirective[], number[]>();

  /** The positions of the `rewrite`s in `list`, in order. */
  private rewritesIn(list: readonly NginxDirective[]): number[] {
    let found = this.rewriteTables.get(list);
    if (!found) {
      found = [];
      list.forEach((d, i) => {
        if (d.name === 'rewrite') found!.push(i);
      });
      this.rewriteTables.set(list, found);
    }
    return found;
  }

  private readonly positions = new WeakMap<readonly NginxDirective[], Map<NginxDirective, number>>();

  /** The position of `d` in `list` (-1 if absent), by a table built once per list. */
  private indexIn(list: readonly NginxDirective[], d: NginxDirective): number {
    let table = this.positions.get(list);
    if (!table) {
      table = new Map(list.map((item, i) => [item, i]));
      this.positions.set(list, table);
    }
    return table.get(d) ?? -1;
  }

  /**
   * The regex whose captures `at` reads: its own (a rewrite's replacement), a `rewrite` before it
   * in its block or an enclosing one, an enclosing `if ($x ~ …)` or `location ~ …`, and last the
   * server's `server_name ~…`. `accept` picks among them (named captures look further up).
   */
  private captureSource(at: NginxDirective, accept: (source: CaptureSource) => boolean): CaptureSource | undefined {
    const own = this.sourceOf(at);
    if (own && accept(own)) return own;
    let child = at;
    let level = at.parent;
    for (;;) {
      const list = level ? (level.block?.children ?? []) : this.config.directives;
      const before = this.indexIn(list, child);
      const rewrites = this.rewritesIn(list);
      for (let r = rewrites.length - 1; r >= 0; r--) {
        const i = rewrites[r];
        if (i >= before) continue;
        const source = this.sourceOf(list[i]);
        if (source && accept(source)) return source;
      }
      if (!level) return undefined;
      if (level.name === 'if' || level.name === 'location') {
        const source = this.sourceOf(level);
        if (source && accept(source)) return source;
      }
      if (level.name === 'server') return this.serverNameSources(level).find(accept);
      child = level;
      level = level.parent;
    }
  }

  private readonly sources = new Map<NginxDirective, CaptureSource | null>();

  /** The regex a directive itself matches (location ~, rewrite, if ~), if any. */
  private sourceOf(d: NginxDirective): CaptureSource | undefined {
    const cached = this.sources.get(d);
    if (cached !== undefined) return cached ?? undefined;
    let source: CaptureSource | undefined;
    const uri = builtin('uri')!.traits;
    if (d.name === 'location') {
      const pattern = locationPattern(d);
      if (pattern)
        source = {
          directive: d,
          label: `location ${shorten(d.args.map((a) => a.raw).join(' '), 60)}`,
          regex: this.regex(pattern.value, pattern.caseless),
          subject: uri,
        };
    } else if (d.name === 'rewrite' && d.args[0]) {
      source = {
        directive: d,
        label: `rewrite ${shorten(d.args[0].raw, 60)}`,
        regex: this.regex(d.args[0].value, false),
        subject: uri,
      };
    } else if (d.name === 'if') {
      const condition = ifCondition(d);
      if (condition?.pattern && (condition.operator === '~' || condition.operator === '~*')) {
        // The subject is read where the `if` stands; mark this source as in progress first, so a
        // subject that refers to captures does not come back here.
        this.sources.set(d, null);
        source = {
          directive: d,
          label: `if (${shorten(
            d.args
              .map((a) => a.raw)
              .join(' ')
              .replace(/^\(|\)$/g, ''),
            60,
          )})`,
          regex: this.regex(condition.pattern.value, condition.operator === '~*'),
          subject: this.traitsOf(condition.subject, d),
        };
      }
    }
    this.sources.set(d, source ?? null);
    return source;
  }
}

/**
 * Where the path of a URL value starts: the index of its first piece after the scheme and host
 * (a piece that starts a path, or the one after a text with `/`, `?` or `#` past `://`). The
 * length of `pieces` when the value never reaches a path.
 */
export function urlPathStart(pieces: readonly Piece[]): number {
  let host = false;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.kind === 'variable') {
      if (host && piece.traits.startsPath) return i;
      continue;
    }
    let text = piece.text;
    if (!host) {
      const scheme = text.indexOf('://');
      if (scheme < 0) continue;
      host = true;
      text = text.slice(scheme + 3);
    }
    if (/[/?#]/.test(text)) return i + 1;
  }
  return pieces.length;
}
