// `valid_referers none`: a request without a Referer counts as valid, and a client can always
// leave the header out, so a check on $invalid_referer keeps out only browsers that send one.
import { allDirectives } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

export const validReferersNone: NginxRule = {
  id: 'nginx/valid-referers-none',
  language: 'nginx',
  meta: {
    title: '`valid_referers none`',
    summary: '`valid_referers none` where `$invalid_referer` guards access: no Referer passes',
    severity: 'info',
    guideSection: 'Validate file paths (access controls)',
    checklistItem: 'access-controls',
    description:
      'With none in valid_referers, a request without a Referer header is valid, and any client other than a browser (curl, a script, a page with referrerpolicy="no-referrer") simply leaves it out: the $invalid_referer check passes it. Fine against casual hotlinking; no access control.',
    remedy:
      'Remove none if a missing Referer must be refused, and protect what must stay private with authentication or secure_link, not the Referer.',
    hasSuggestions: true,
  },
  create(context) {
    const { config } = context;
    let checked: boolean | undefined;
    return {
      directives: {
        valid_referers(directive) {
          if (directive.isEntry || directive.foreign) return;
          const none = directive.args.find((a) => a.value.toLowerCase() === 'none');
          if (!none) return;
          // Only where $invalid_referer decides something: otherwise the directive has no effect.
          checked ??= [...allDirectives(config.directives)].some((d) =>
            d.args.some((a) => a.value.includes('$invalid_referer')),
          );
          if (!checked) return;
          const previous = directive.args[directive.args.indexOf(none) - 1];
          const next = directive.args[directive.args.indexOf(none) + 1];
          context.report({
            start: none.start,
            end: none.end,
            message:
              'valid_referers none lets every request without a Referer through, and any client can leave it out: $invalid_referer keeps out only browsers that send one. Remove none if a missing Referer must be refused; use authentication or secure_link for what must stay private.',
            // nginx refuses none and blocked with no referer beside them.
            fixes: directive.args.some((a) => !['none', 'blocked'].includes(a.value.toLowerCase()))
              ? [
                  {
                    title: "Remove 'none' (refuse requests without a Referer)",
                    kind: 'suggestion',
                    edits: [
                      previous
                        ? { start: previous.end, end: none.end, newText: '' }
                        : { start: none.start, end: next!.start, newText: '' },
                    ],
                  },
                ]
              : [],
          });
        },
      },
    };
  },
};
