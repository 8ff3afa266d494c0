// EXPOSE 22: an SSH server in an app container is an extra way in with its own credentials.
import type { DockerRule } from '../../languages/dockerfile/rule';

export const exposeSsh: DockerRule = {
  id: 'docker/expose-ssh',
  language: 'dockerfile',
  meta: {
    title: 'SSH port exposed',
    summary: '`EXPOSE 22`',
    severity: 'info',
    guideSection: 'Network Security › Implement Firewall Rules (beyond the guide)',
    checklistItem: 'access-controls',
    description:
      'The image exposes port 22. Running SSH inside an app container adds a second way in, with its own keys or passwords to manage; use docker exec or kubectl exec for access instead.',
    remedy: 'Remove port 22 from EXPOSE and the SSH server from the image.',
  },
  create(context) {
    const { model } = context;
    return {
      EXPOSE(instruction) {
        for (const argument of instruction.getArguments()) {
          if (!/^22(?:\/tcp)?$/i.test(argument.getValue())) continue;
          const span = model.spanOf(argument.getRange());
          context.report({
            start: span.start,
            end: span.end,
            message: 'Port 22 (SSH) is exposed. Use docker exec for access and remove SSH from the image.',
          });
        }
      },
    };
  },
};
