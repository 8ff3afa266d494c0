// An add_header in a nested block silently drops every add_header of the enclosing blocks:
// nginx inherits add_header only when a level has none of its own.
import { childNamed, effectiveKnown, headerNames, insertIntoBlock } from '../../languages/nginx/model';
import type { NginxRule } from '../../languages/nginx/rule';

/** Dropped headers a finding points at, at most. */
const MAX_RELATED = 8;

export const addHeaderRedefinition: NginxRule = {
  id: 'nginx/add-header-redefinition',
  language: 'nginx',
  meta: {
    title: 'add_header drops inherited headers',
    summary: "an `add_header` in a nested block silently drops the parent's security headers",
    severity: 'warning',
    guideSection: 'Code Security › Implement Content Security Policy (security headers)',
    checklistItem: 'security-headers',
    description:
      'A location (or server, or if) block has its own add_header, so none of the add_header directives of the enclosing blocks apply there. Security headers set at server or http level (HSTS, CSP, nosniff) silently disappear for that block.',
    remedy:
      'Repeat the parent\u2019s headers in the block (the quick fix does), or put them in an include used by every level.',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    return {
      directive(block) {
        if (!block.block || block.block.opaque || block.isEntry || block.name === 'http' || !block.parent) return;
        const own = childNamed(block, config, 'add_header');
        if (own.length === 0) return;
        // An include that could not be read may repeat the headers here, or set other ones above.
        if (effectiveKnown(block, config, 'add_header').unknown) return;
        const above = effectiveKnown(block.parent, config, 'add_header');
        if (above.unknown) return;
        const inherited = above.directives;
        const ownNames = new Set(headerNames(own));
        const dropped = inherited.filter((d) => !ownNames.has((d.args[0]?.value ?? '').toLowerCase()));
        if (dropped.length === 0) return;
        const text = config.text;
        const edit = insertIntoBlock(
          config,
          block,
          // A header spliced in from an included file is written out from its arguments.
          dropped.map((d) =>
            d.foreign ? `add_header ${d.args.map((a) => a.raw).join(' ')};` : text.slice(d.start, d.end),
          ),
        );
        context.report({
          start: own[0].nameStart,
          end: own[0].nameEnd,
          message: `This add_header drops the inherited ${dropped.map((d) => d.args[0]?.value).join(', ')} header${dropped.length === 1 ? '' : 's'}. Repeat them in this block.`,
          fixes: edit ? [{ title: 'Repeat the inherited headers here', kind: 'fix', edits: [edit] }] : [],
          // The dropped headers written in this file (one from an included file has no place here).
          related: dropped
            .filter((d) => !d.foreign)
            .slice(0, MAX_RELATED)
            .map((d) => ({
              start: d.start,
              end: d.end,
              message: `add_header ${d.args[0]?.value ?? ''} set here does not apply in the nested block`,
            })),
        });
      },
    };
  },
};
