// Official nginx directive data (@nginx/reference-lib): which directives exist, where each is
// allowed, their syntax and documentation. Validation follows nginx's own model: a directive is
// allowed when one of its modules' entries lists the enclosing block as a context.
import type { Directive } from '@nginx/reference-lib';
import type { NginxDirective } from './parser';

export type Family = 'main' | 'http' | 'stream' | 'mail';

let byName: Map<string, Directive[]> | undefined;

/**
 * Directive entries by name (one per module that defines it). The reference data (1.7 MB) is
 * loaded on first use, so sessions without nginx files never pay for it; built once, read-only.
 */
export function directiveEntries(name: string): readonly Directive[] {
  if (!byName) {
    byName = new Map();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const reference = require('@nginx/reference-lib') as typeof import('@nginx/reference-lib');
    for (const directive of reference.getDirectives(reference.Format.Markdown)) {
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

/** Well-known third-party modules: not in the official reference, not errors either. */
export function isKnownThirdParty(name: string): boolean {
  return (
    /(?:_by_lua(?:_block|_file)?|^lua_[a-z_]+)$/.test(name) ||
    /^more_(?:set|clear)_(?:input_)?headers$/.test(name) ||
    /^(?:brotli(?:_[a-z_]+)?|vhost_traffic_status\w*|geoip2|geoip2_proxy\w*|modsecurity(?:_rules(?:_file)?)?|pagespeed|passenger_\w+|headers_more\w*|upload_progress\w*|echo(?:_\w+)?|set_by_lua\w*|sticky|zstd\w*)$/.test(
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

/** Whether a module's entry applies inside `family` (http, stream and mail share names like `server`). */
function inFamily(entry: Directive, family: Family): boolean {
  const module = /^ngx_(http|stream|mail)_/.exec(entry.module)?.[1];
  return module === undefined || family === 'main' || module === family;
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
  const { context, family } = contextOf(directive);
  // Blocks of third-party or unknown directives: their children cannot be judged.
  if (directive.parent && directiveEntries(directive.parent.name).length === 0) return undefined;
  const candidates = entries.filter((entry) => inFamily(entry, family));
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
