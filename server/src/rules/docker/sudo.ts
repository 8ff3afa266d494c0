// sudo in a RUN step: the build already runs as the current USER; sudo means root is wanted at
// run time too, or hides which steps need privileges.
import { shellMatches } from '../../languages/dockerfile/edits';
import type { DockerRule } from '../../languages/dockerfile/rule';

const sudoCommand = /(?:^|[;&|(]\s*|\bRUN\s+|&&\s*|\|\|\s*)(sudo\s+(?:-[A-Za-z]+\s+)*)/;

export const sudo: DockerRule = {
  id: 'docker/sudo',
  language: 'dockerfile',
  meta: {
    title: 'sudo in RUN',
    summary: '`sudo` in `RUN`',
    severity: 'warning',
    guideSection: 'Container Security › Run as non-root user',
    checklistItem: 'access-controls',
    description:
      'A RUN step uses sudo. Build steps already run as the current USER, so sudo is either useless or means the image ships sudo with a privileged setup, which lets a compromised app become root.',
    remedy: 'Run privileged steps before switching USER, and drop sudo.',
    hasSuggestions: true,
  },
  create(context) {
    const { model } = context;
    return {
      RUN(instruction) {
        for (const { match, start } of shellMatches(model, [instruction], sudoCommand)) {
          const sudoStart = start + match[0].length - match[1].length;
          const sudoEnd = start + match[0].length;
          // `sudo -u postgres …` runs as another user: removing sudo would change who runs it.
          const switchesUser = /\s-(?:[A-Za-z]*[ugUCDhprt])\s/.test(match[1] + ' ');
          context.report({
            start: sudoStart,
            end: sudoStart + 4,
            message: 'sudo in a build step. Run privileged steps before USER and drop sudo.',
            // A suggestion: after a non-root USER, the step may need to move before USER instead.
            fixes: switchesUser
              ? []
              : [
                  {
                    title: 'Remove sudo',
                    kind: 'suggestion',
                    edits: [{ start: sudoStart, end: sudoEnd, newText: '' }],
                  },
                ],
          });
        }
      },
    };
  },
};
