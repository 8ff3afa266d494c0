// ADD <url> without --checksum downloads whatever the server returns at build time into the image.
import { ModifiableInstruction } from 'dockerfile-ast';
import type { DockerRule } from '../../languages/dockerfile/rule';

export const addRemote: DockerRule = {
  id: 'docker/add-remote',
  language: 'dockerfile',
  meta: {
    title: 'Remote ADD without a checksum',
    summary: '`ADD https://…` without `--checksum`',
    severity: 'warning',
    guideSection: 'Container Security (beyond the guide: supply chain)',
    checklistItem: 'dependencies-updated',
    description:
      'ADD downloads a URL at build time without --checksum. Whatever the server (or anyone in between) returns goes into the image unchecked, and builds are not reproducible.',
    remedy: 'Add --checksum=sha256:<digest> to the ADD (BuildKit), or download with RUN curl and verify the checksum.',
  },
  create(context) {
    const { model } = context;
    return {
      ADD(instruction) {
        const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
        if (flags.some((f) => f.getName() === 'checksum')) return;
        for (const source of model.copySources(instruction)) {
          const { value, span } = source;
          if (!/^https?:\/\//i.test(value)) continue;
          context.report({
            start: span.start,
            end: span.end,
            message:
              'ADD downloads this URL without verifying it. Add --checksum=sha256:… or download and verify in a RUN step.',
          });
        }
      },
    };
  },
};
