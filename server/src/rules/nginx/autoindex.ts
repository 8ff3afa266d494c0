// autoindex on lists every file of a folder to anyone who asks.
import type { NginxRule } from '../../languages/nginx/rule';

export const autoindex: NginxRule = {
  id: 'nginx/autoindex',
  language: 'nginx',
  meta: {
    title: 'Directory listing enabled',
    summary: '`autoindex on`',
    severity: 'warning',
    guideSection: 'Validate file paths (access controls)',
    checklistItem: 'access-controls',
    description:
      'autoindex on lists every file in the folder to anyone: backups, uploads, configuration and key files become easy to find.',
    remedy: 'autoindex off; and link to the files that are meant to be public.',
    fixable: true,
  },
  create(context) {
    return {
      directives: {
        autoindex(directive) {
          if (directive.isEntry || directive.args[0]?.value !== 'on') return;
          const arg = directive.args[0];
          context.report({
            start: directive.nameStart,
            end: directive.end,
            message: 'autoindex on lists every file in this folder to anyone. Turn it off.',
            fixes: [
              { title: 'Set autoindex off', kind: 'fix', edits: [{ start: arg.start, end: arg.end, newText: 'off' }] },
            ],
          });
        },
      },
    };
  },
};
