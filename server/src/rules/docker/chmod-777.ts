// chmod 777 makes files writable by every user in the container: any process can change the
// app's code or data.
import { allInstructions, shellMatches } from '../../languages/dockerfile/edits';
import type { DockerRule } from '../../languages/dockerfile/rule';

const chmod777 = /\bchmod\s+(?:-[A-Za-z]+\s+|--[a-z-]+\s+)*(0?777|a\+rwx|ugo\+rwx)\b/;

export const chmod777Rule: DockerRule = {
  id: 'docker/chmod-777',
  language: 'dockerfile',
  meta: {
    title: 'World-writable permissions',
    severity: 'warning',
    guideSection: 'Container Security (beyond the guide: least privilege)',
    checklistItem: 'access-controls',
    docs: 'docs/rules/docker/chmod-777.md',
    description:
      'chmod 777 gives every user in the container write (and execute) access. Any process, including a compromised dependency running as another user, can then replace the app\u2019s code or data.',
    remedy: 'Give the app user ownership (COPY --chown or chown) and use 755 for folders and 644 for files.',
    fixable: 'fix',
  },
  check(context) {
    const { model } = context;
    for (const { match, start } of shellMatches(model, allInstructions(model), chmod777)) {
      const modeStart = start + match[0].length - match[1].length;
      const modeEnd = start + match[0].length;
      context.report({
        start: start,
        end: modeEnd,
        message: `chmod ${match[1]} makes these files writable by every user. Use 755 (folders) or 644 (files) and give the app user ownership.`,
        fixes: [{ title: 'Use 755', kind: 'fix', edits: [{ start: modeStart, end: modeEnd, newText: '755' }] }],
      });
    }
  },
};
