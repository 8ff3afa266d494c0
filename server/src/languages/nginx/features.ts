// Editor features for nginx beyond diagnostics: reference docs on hover (and why an include was
// not read), and completion of the directive names valid in the block at the cursor.
import { contextOf, directiveDocs, directiveEntries, entriesFor, namesAllowedIn, type Family } from './directives';
import { allDirectives, parseNginx, type NginxDirective } from './parser';

export interface HoverDocs {
  markdown: string;
  start: number;
  end: number;
}

/** Reference documentation for the directive name at `offset`. */
export function nginxHover(text: string, offset: number): HoverDocs | undefined {
  const config = parseNginx(text);
  for (const directive of allDirectives(config.directives)) {
    if (directive.isEntry || offset < directive.nameStart || offset > directive.nameEnd) continue;
    const entries = entriesFor(directive);
    const shown = entries.length > 0 ? entries : directiveEntries(directive.name);
    if (shown.length === 0) return undefined;
    return { markdown: directiveDocs(shown), start: directive.nameStart, end: directive.nameEnd };
  }
  return undefined;
}

/**
 * What the hover over an include that could not be read says, from its NGINX_FACT.unreadInclude
 * fact (its target, then the project paths tried).
 */
export function unreadIncludeMarkdown(value: string): string {
  const [target = '', ...tried] = value.split('\n');
  return [
    `**Include not read:** \`${target}\``,
    '',
    tried.length > 0
      ? `No file of this workspace stands for it. Tried: ${tried.map((t) => `\`${t}\``).join(', ')}.`
      : 'No file of this workspace stands for it.',
    '',
    'What it sets is unknown, so the checks that depend on included or inherited directives (proxy headers, security headers, HSTS, server_tokens, dotfiles, rate limits) stay quiet in this block.',
  ].join('\n');
}

export interface DirectiveCompletion {
  name: string;
  module: string;
  isBlock: boolean;
}

/** The innermost block whose body contains `offset`, or undefined for the main context. */
function blockAt(directives: readonly NginxDirective[], offset: number): NginxDirective | undefined {
  for (const directive of directives) {
    const block = directive.block;
    if (!block || block.opaque) continue;
    const close = block.close ?? Number.MAX_SAFE_INTEGER;
    if (offset > block.open && offset <= close) return blockAt(block.children, offset) ?? directive;
  }
  return undefined;
}

/** Directive names allowed where a new directive would start at `offset`; empty elsewhere. */
export function nginxCompletions(text: string, offset: number): { items: DirectiveCompletion[]; start: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const typed = /^(?:.*[;{}])?\s*([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (!typed) return { items: [], start: offset };
  const partial = typed[1] ?? '';
  const config = parseNginx(text);
  const block = blockAt(config.directives, offset);
  // A fake child tells which context and family the cursor is in.
  const probe: NginxDirective = {
    name: '',
    nameStart: offset,
    nameEnd: offset,
    args: [],
    start: offset,
    end: offset,
    isEntry: false,
    ...(block ? { parent: block } : {}),
  };
  const { context, family } = contextOf(probe);
  if (block && ['map', 'types', 'geo', 'split_clients', 'charset_map'].includes(block.name))
    return { items: [], start: offset };
  const items = namesAllowedIn(context, family as Family)
    .filter((name) => name.startsWith(partial))
    .map((name) => {
      const entry = directiveEntries(name).find((e) => e.contexts.includes(context)) ?? directiveEntries(name)[0];
      return { name, module: entry.module, isBlock: entry.isBlock };
    });
  return { items, start: offset - partial.length };
}
