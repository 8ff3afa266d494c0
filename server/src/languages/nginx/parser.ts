// nginx configuration parser with exact offsets for every directive name and argument. It keeps
// going after mistakes (missing `;`, stray or missing braces, unterminated quotes) so one error
// does not hide the rest, and reports each as a located error.

export interface NginxArgument {
  /** As written, quotes included. */
  raw: string;
  /** Unquoted and unescaped. */
  value: string;
  quoted: boolean;
  start: number;
  end: number;
}

export interface NginxDirective {
  name: string;
  nameStart: number;
  nameEnd: number;
  args: NginxArgument[];
  /** From the name to the `;` or the closing `}` (inclusive). */
  start: number;
  end: number;
  block?: NginxBlock;
  parent?: NginxDirective;
  /** Lines inside `map`, `types`, `geo`… blocks are entries, not directives. */
  isEntry: boolean;
  /** A block the file is included into (conf.d, sites-enabled, snippets), not written in it. */
  virtual?: boolean;
  /** Spliced in from an included file: offsets point at the `include` line. */
  foreign?: boolean;
}

export interface NginxBlock {
  open: number;
  /** Offset of `}`, or undefined when the block is not closed. */
  close?: number;
  children: NginxDirective[];
  /** Bodies that are code in another language (`content_by_lua_block`): not parsed. */
  opaque: boolean;
}

export interface NginxComment {
  start: number;
  end: number;
  text: string;
}

export interface NginxParseError {
  message: string;
  start: number;
  end: number;
}

export interface NginxConfig {
  text: string;
  directives: NginxDirective[];
  comments: NginxComment[];
  errors: NginxParseError[];
}

/** Deeper than any real configuration; deeper blocks are skipped so work stays linear. */
const MAX_DEPTH = 64;

/** Blocks whose lines are data, not directives. */
const entryBlocks = new Set(['map', 'types', 'geo', 'split_clients', 'charset_map', 'match']);

export function isOpaqueBlockName(name: string): boolean {
  return /_by_lua_block$|^lua_\w+_block$|_by_njs_block$/.test(name);
}

type Token =
  | { kind: 'word'; raw: string; value: string; quoted: boolean; start: number; end: number }
  | { kind: ';' | '{' | '}'; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

class Lexer {
  private at = 0;
  readonly comments: NginxComment[] = [];
  constructor(
    private readonly text: string,
    private readonly errors: NginxParseError[],
  ) {}

  get offset(): number {
    return this.at;
  }

  next(): Token {
    const text = this.text;
    for (;;) {
      while (this.at < text.length && /\s/.test(text[this.at])) this.at++;
      if (this.at >= text.length) return { kind: 'eof', start: text.length, end: text.length };
      if (text[this.at] === '#') {
        const start = this.at;
        const newline = text.indexOf('\n', start);
        this.at = newline < 0 ? text.length : newline;
        this.comments.push({ start, end: this.at, text: text.slice(start, this.at).replace(/\r$/, '') });
        continue;
      }
      break;
    }
    const start = this.at;
    const c = text[start];
    if (c === ';' || c === '{' || c === '}') {
      this.at++;
      return { kind: c, start, end: start + 1 };
    }
    if (c === '"' || c === "'") return this.quoted(c);
    let value = '';
    while (this.at < text.length) {
      const ch = text[this.at];
      if (/\s/.test(ch) || ch === ';' || ch === '{' || ch === '}') break;
      if (ch === '\\' && this.at + 1 < text.length) {
        // As nginx does: \" \' \\ unescape; any other escape (a regex's \.) keeps its backslash.
        const next = text[this.at + 1];
        value += next === '"' || next === "'" || next === '\\' ? next : ch + next;
        this.at += 2;
        continue;
      }
      if (ch === '$' && text[this.at + 1] === '{') {
        const close = text.indexOf('}', this.at);
        const end = close < 0 ? text.length : close + 1;
        value += text.slice(this.at, end);
        this.at = end;
        continue;
      }
      value += ch;
      this.at++;
    }
    return { kind: 'word', raw: text.slice(start, this.at), value, quoted: false, start, end: this.at };
  }

  private quoted(quote: string): Token {
    const text = this.text;
    const start = this.at;
    this.at++;
    let value = '';
    let closes: boolean | undefined;
    while (this.at < text.length && text[this.at] !== quote) {
      // nginx lets strings span lines, but a line that ends in `;` or `{` inside a string is
      // almost always a missing closing quote: recover there rather than swallow the file.
      // Unless the string is a header value written over several lines (a Content-Security-Policy
      // of `directive …;` lines) that closes and ends its argument (`";`, `" always;`).
      if (
        text[this.at] === '\n' &&
        /[;{]\s*$/.test(value) &&
        (/\{\s*$/.test(value) || !(closes ??= this.closesAsArgument(quote)))
      ) {
        const terminator = start + 1 + value.search(/[;{]\s*$/);
        this.errors.push({
          message: `Unterminated ${quote === '"' ? 'double' : 'single'}-quoted string.`,
          start,
          end: terminator,
        });
        this.at = terminator;
        return {
          kind: 'word',
          raw: text.slice(start, terminator),
          value: value.replace(/[;{]\s*$/, ''),
          quoted: true,
          start,
          end: terminator,
        };
      }
      if (text[this.at] === '\\' && this.at + 1 < text.length) {
        const escaped = text[this.at + 1];
        value += escaped === quote || escaped === '\\' ? escaped : '\\' + escaped;
        this.at += 2;
        continue;
      }
      value += text[this.at];
      this.at++;
    }
    if (this.at >= text.length) {
      // Unterminated: nginx would read to the end of the file. Recover at the end of the line.
      const lineEnd = text.indexOf('\n', start);
      const end = lineEnd < 0 ? text.length : lineEnd;
      this.errors.push({ message: `Unterminated ${quote === '"' ? 'double' : 'single'}-quoted string.`, start, end });
      this.at = end;
      return { kind: 'word', raw: text.slice(start, end), value: text.slice(start + 1, end), quoted: true, start, end };
    }
    this.at++;
    return { kind: 'word', raw: text.slice(start, this.at), value, quoted: true, start, end: this.at };
  }

  /**
   * Whether the string being read closes further on with a quote that ends the directive (`";`,
   * `" always;`). A missing closing quote instead runs into the opening quote of a later string,
   * which its text follows (`"DENY; … add_header X "nosniff";`), or of a comment's.
   */
  private closesAsArgument(quote: string): boolean {
    const text = this.text;
    for (let i = this.at; i < text.length; i++) {
      if (text[i] === '\\') {
        i++;
        continue;
      }
      if (text[i] !== quote) continue;
      return /^[ \t]*(?:[^\s;{}"'#]+[ \t]*)?;/.test(text.slice(i + 1, i + 200));
    }
    return false;
  }

  /** Skips a block body written in another language, balancing braces outside strings and comments. */
  skipOpaque(): number | undefined {
    const text = this.text;
    let depth = 1;
    while (this.at < text.length) {
      const c = text[this.at];
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, this.at + 1);
        this.at = close < 0 ? text.length : close + 1;
        continue;
      }
      if (c === '-' && text[this.at + 1] === '-') {
        const newline = text.indexOf('\n', this.at);
        this.at = newline < 0 ? text.length : newline;
        continue;
      }
      if (c === '{') depth++;
      if (c === '}') {
        depth--;
        if (depth === 0) {
          this.at++;
          return this.at - 1;
        }
      }
      this.at++;
    }
    return undefined;
  }
}

export function parseNginx(text: string): NginxConfig {
  const errors: NginxParseError[] = [];
  const lexer = new Lexer(text, errors);
  let token = lexer.next();
  const advance = (): void => {
    token = lexer.next();
  };

  /** Parses directives until `}` (when nested) or the end of the file. */
  function parseList(
    parent: NginxDirective | undefined,
    inEntryBlock: boolean,
    depth = 0,
  ): { children: NginxDirective[]; close?: number } {
    const children: NginxDirective[] = [];
    for (;;) {
      if (token.kind === 'eof') return { children };
      if (token.kind === '}') {
        if (parent) {
          const close = token.start;
          advance();
          return { children, close };
        }
        errors.push({ message: "Unexpected '}' with no open block.", start: token.start, end: token.end });
        advance();
        continue;
      }
      if (token.kind === ';') {
        // An empty statement is harmless in nginx; skip it.
        advance();
        continue;
      }
      if (token.kind === '{') {
        errors.push({ message: "A block '{' needs a directive name before it.", start: token.start, end: token.end });
        advance();
        const nested = parseList(parent, inEntryBlock, depth + 1);
        children.push(...nested.children);
        continue;
      }
      const nameToken = token as Extract<Token, { kind: 'word' }>;
      const directive: NginxDirective = {
        name: nameToken.value,
        nameStart: nameToken.start,
        nameEnd: nameToken.end,
        args: [],
        start: nameToken.start,
        end: nameToken.end,
        isEntry: inEntryBlock,
        ...(parent ? { parent } : {}),
      };
      children.push(directive);
      advance();
      while (token.kind === 'word') {
        directive.args.push({
          raw: token.raw,
          value: token.value,
          quoted: token.quoted,
          start: token.start,
          end: token.end,
        });
        directive.end = token.end;
        advance();
      }
      if (token.kind === ';') {
        directive.end = token.end;
        advance();
      } else if (token.kind === '{') {
        const open = token.start;
        if (isOpaqueBlockName(directive.name)) {
          const close = lexer.skipOpaque();
          directive.block = { open, children: [], opaque: true, ...(close !== undefined ? { close } : {}) };
          directive.end = close !== undefined ? close + 1 : text.length;
          if (close === undefined)
            errors.push({ message: `'${directive.name}' block is not closed with '}'.`, start: open, end: open + 1 });
          advance();
          continue;
        }
        if (depth >= MAX_DEPTH) {
          // Absurd nesting: report once and skip the body, so no later pass goes quadratic.
          errors.push({
            message: `Blocks are nested more than ${MAX_DEPTH} levels deep; the inner blocks are not analyzed.`,
            start: open,
            end: open + 1,
          });
          const close = lexer.skipOpaque();
          directive.block = { open, children: [], opaque: true, ...(close !== undefined ? { close } : {}) };
          directive.end = close !== undefined ? close + 1 : text.length;
          advance();
          continue;
        }
        advance();
        const body = parseList(directive, entryBlocks.has(directive.name) || inEntryBlock, depth + 1);
        directive.block = {
          open,
          children: body.children,
          opaque: false,
          ...(body.close !== undefined ? { close: body.close } : {}),
        };
        directive.end = body.close !== undefined ? body.close + 1 : text.length;
        if (body.close === undefined)
          errors.push({ message: `'${directive.name}' block is not closed with '}'.`, start: open, end: open + 1 });
      } else {
        // `}` or end of file right after the arguments: the `;` is missing.
        const last = directive.args[directive.args.length - 1];
        const at = last ? last.end : directive.nameEnd;
        errors.push({ message: `Missing ';' after '${directive.name}'.`, start: directive.nameStart, end: at });
      }
    }
  }

  const { children } = parseList(undefined, false);
  adoptIntoIncludingBlocks(children, text.length);
  return { text, directives: children, comments: lexer.comments, errors };
}

const topLevelOnly = new Set([
  'http',
  'events',
  'stream',
  'mail',
  'user',
  'worker_processes',
  'pid',
  'load_module',
  'error_log',
  'include',
]);
// Directives of a server (or deeper) that http does not take: a fragment with one at its top is
// included into a server (`set` and `if` snippets of request filters, too).
const serverLevel = new Set([
  'location',
  'listen',
  'server_name',
  'root',
  'return',
  'rewrite',
  'try_files',
  'index',
  'set',
  'if',
  'break',
]);

/**
 * A file without `http`/`events` is a fragment included elsewhere: `server` blocks of
 * sites-enabled/ and conf.d/ sit in `http`, location snippets sit in `server`. Their top-level
 * directives get virtual parents so contexts and inheritance are judged where nginx sees them.
 */
function adoptIntoIncludingBlocks(directives: NginxDirective[], end: number): void {
  if (
    directives.length === 0 ||
    directives.some((d) => topLevelOnly.has(d.name) && d.name !== 'include' && d.name !== 'error_log')
  )
    return;
  const http: NginxDirective = {
    name: 'http',
    nameStart: 0,
    nameEnd: 0,
    args: [],
    start: 0,
    end,
    isEntry: false,
    virtual: true,
  };
  let parent = http;
  if (directives.some((d) => serverLevel.has(d.name)) && !directives.some((d) => d.name === 'server')) {
    const server: NginxDirective = {
      name: 'server',
      nameStart: 0,
      nameEnd: 0,
      args: [],
      start: 0,
      end,
      isEntry: false,
      virtual: true,
      parent: http,
    };
    http.block = { open: 0, close: end, children: [server], opaque: false };
    parent = server;
  }
  parent.block = { open: 0, close: end, children: directives, opaque: false };
  for (const directive of directives) directive.parent = parent;
}

/** Every directive written in this file, depth first, in source order (included ones left out). */
export function allDirectives(directives: readonly NginxDirective[]): Generator<NginxDirective> {
  return depthFirst(directives, true);
}

/** Every directive in effect, including those spliced in from included files. */
export function effectiveDirectives(directives: readonly NginxDirective[]): Generator<NginxDirective> {
  return depthFirst(directives, false);
}

/**
 * Pre-order walk with an explicit stack: nested `yield*` would pass every directive up through
 * one generator per enclosing block (quadratic in the nesting depth).
 */
function* depthFirst(directives: readonly NginxDirective[], skipForeign: boolean): Generator<NginxDirective> {
  const stack: Array<{ list: readonly NginxDirective[]; next: number }> = [{ list: directives, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.list.length) {
      stack.pop();
      continue;
    }
    const directive = top.list[top.next++];
    if (skipForeign && directive.foreign) continue;
    yield directive;
    if (directive.block) stack.push({ list: directive.block.children, next: 0 });
  }
}

/** Relative `include` paths without wildcards: the ones a host can read for the analysis. */
export function includedPaths(config: NginxConfig): string[] {
  const paths = new Set<string>();
  for (const directive of allDirectives(config.directives)) {
    const target = directive.name === 'include' ? directive.args[0]?.value : undefined;
    if (target && !/[*?[]/.test(target) && !target.startsWith('/') && !target.includes('$')) paths.add(target);
    if (paths.size >= 32) break;
  }
  return [...paths];
}

/**
 * Splices the directives of included files in where nginx inlines them, so inheritance and
 * "is there a limit_req anywhere" see them. Their offsets become the include's, and they are
 * marked foreign so no rule reports inside another file's text. One level deep.
 */
export function spliceIncludes(config: NginxConfig, files: Readonly<Record<string, string | null>>): void {
  const visit = (list: NginxDirective[], parent: NginxDirective | undefined): void => {
    for (let i = 0; i < list.length; i++) {
      const directive = list[i];
      if (directive.block) visit(directive.block.children, directive);
      const target = directive.name === 'include' && !directive.foreign ? directive.args[0]?.value : undefined;
      const text = target !== undefined ? files[target] : undefined;
      if (typeof text !== 'string') continue;
      const included = parseNginx(text).directives;
      const relocate = (d: NginxDirective, owner: NginxDirective | undefined): void => {
        d.foreign = true;
        d.start = d.nameStart = directive.start;
        d.end = d.nameEnd = directive.end;
        d.args = d.args.map((a) => ({ ...a, start: directive.start, end: directive.end }));
        if (owner) d.parent = owner;
        else delete d.parent;
        if (d.block) {
          d.block = { ...d.block, open: directive.start, close: directive.end };
          for (const child of d.block.children) relocate(child, d);
        }
      };
      for (const d of included) relocate(d, parent);
      list.splice(i + 1, 0, ...included);
      i += included.length;
    }
  };
  visit(config.directives, undefined);
}
