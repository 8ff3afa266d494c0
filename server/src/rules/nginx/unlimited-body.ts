// client_max_body_size 0 turns off the request body limit: one request can fill the disk or
// the app's memory.
import type { NginxRule } from '../../languages/nginx/rule';

export const unlimitedBody: NginxRule = {
  id: 'nginx/unlimited-body',
  language: 'nginx',
  meta: {
    title: 'Unlimited request body size',
    summary: '`client_max_body_size 0`',
    severity: 'info',
    guideSection: 'Input Validation › Validate all inputs (beyond the guide)',
    checklistItem: 'input-validation',
    description:
      'client_max_body_size 0 disables the request body limit: a single request can exhaust disk space for temporary files or the app\u2019s memory.',
    remedy: 'Set a finite size that fits the largest legitimate request, e.g. client_max_body_size 10m;.',
    hasSuggestions: true,
  },
  create(context) {
    return {
      directives: {
        client_max_body_size(directive) {
          if (directive.isEntry || directive.args[0]?.value !== '0') return;
          const arg = directive.args[0];
          context.report({
            start: directive.nameStart,
            end: directive.end,
            message: 'client_max_body_size 0 removes the request body limit. Set a finite size.',
            fixes: [
              {
                title: 'Limit request bodies to 10m',
                kind: 'suggestion',
                edits: [{ start: arg.start, end: arg.end, newText: '10m' }],
              },
            ],
          });
        },
      },
    };
  },
};
