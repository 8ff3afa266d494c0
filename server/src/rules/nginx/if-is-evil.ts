// `if` inside a location makes an implicit nested location: when the condition holds, the request
// is served with the if block's configuration, which does not inherit everything (try_files, and
// the location's add_header lines once the block has its own). Only the rewrite module's own
// directives run as they read there.
import { childNamed } from '../../languages/nginx/model';
import type { NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

/**
 * Safe inside `if`: the rewrite module's directives run in the location's own rewrite phase.
 * return and rewrite … last/redirect/permanent (or no flag) leave the if block's configuration
 * behind; set, break and rewrite … break keep it, which matters only for try_files (below).
 */
const safe = new Set(['return', 'rewrite', 'set', 'break']);

/** Whether the block always ends the request or starts a new location search. */
function leaves(block: readonly NginxDirective[]): boolean {
  return block.some(
    (d) =>
      d.name === 'return' ||
      (d.name === 'rewrite' &&
        /^(?:\^|\^?\.\*\$?|\^?\(\.\*\)\$?|\^\/\.\*|\^\/\(\.\*\)\$?)$/.test(d.args[0]?.value ?? '') &&
        (d.args.length === 2 || ['last', 'redirect', 'permanent'].includes(d.args[2]?.value ?? ''))),
  );
}

export const ifIsEvil: NginxRule = {
  id: 'nginx/if-is-evil',
  language: 'nginx',
  meta: {
    title: '`if` in a location',
    summary:
      'directives other than `return`, `rewrite`, `set` and `break` inside `if` in a location, and `if` beside `try_files`',
    severity: 'info',
    guideSection: 'Network Security › Use a Reverse Proxy',
    description:
      'if in a location creates an implicit nested location. When its condition holds, nginx serves the request with that block\u2019s configuration: directives placed there (proxy_pass, add_header, root…) may not do what they read, the location\u2019s add_header lines are dropped once the block has its own, and the location\u2019s try_files no longer applies. The rewrite module\u2019s return, rewrite, set and break are the directives that behave as written there.',
    remedy:
      'Keep only return, rewrite … last and set inside if; choose values with map and serve variants from their own locations.',
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        if(directive) {
          if (directive.isEntry || directive.foreign || !directive.block || directive.block.opaque) return;
          const location = directive.parent;
          if (location?.name !== 'location') return;
          const body = directive.block.children.filter((d) => !d.isEntry);
          // A block that ends in return answers the request itself: the rest shapes that answer
          // (the CORS preflight's add_header lines before return 204).
          if (body.some((d) => d.name === 'return')) return;
          if (!leaves(body) && childNamed(location, config, 'try_files').length > 0) {
            context.report({
              start: directive.nameStart,
              end: directive.nameEnd,
              message:
                'When this if matches, the location\u2019s try_files no longer applies: the request is served with the if block\u2019s own configuration, which try_files is not part of. Decide with map and try_files, or end the block with return or rewrite … last.',
            });
          }
          for (const child of body) {
            if (child.foreign || safe.has(child.name)) continue;
            context.report({
              start: child.nameStart,
              end: child.nameEnd,
              message: `'${child.name}' inside if in a location applies through the if block\u2019s own implicit location, not the location\u2019s configuration (if is evil): when the condition holds, directives the block does not inherit stop applying${child.name === 'add_header' ? ', and the location\u2019s add_header lines are dropped' : ''}. Keep only return, rewrite and set inside if; pick values with map.`,
            });
          }
        },
      },
    };
  },
};
