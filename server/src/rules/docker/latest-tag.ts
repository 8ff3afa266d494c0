// FROM an image without a pinned version: every build may get a different base, with new
// vulnerabilities or breaking changes, and nobody can say which one is running.
import type { DockerRule } from '../../languages/dockerfile/rule';

export const latestTag: DockerRule = {
  id: 'docker/latest-tag',
  language: 'dockerfile',
  meta: {
    title: 'Base image not pinned',
    summary: '`FROM image:latest` or no tag and no digest (ARGs substituted)',
    severity: 'warning',
    guideSection: 'Container Security › Use official base images',
    checklistItem: 'dependencies-updated',
    description:
      'A FROM uses the latest tag or no tag and no digest. The base image then changes under you: builds are not reproducible, a compromised or broken upstream release is pulled automatically, and you cannot tell which base a running container has.',
    remedy: 'Pin a version tag (node:20.18-alpine), ideally with a digest (@sha256:…), and update it deliberately.',
  },
  create(context) {
    return {
      FROM(_from, stage) {
        const image = stage.image;
        if (!image || image.resolved === undefined || image.digest) return;
        if (image.tag && image.tag !== 'latest') return;
        context.report({
          start: image.span.start,
          end: image.span.end,
          message:
            image.tag === 'latest'
              ? `'${image.resolved}' follows the moving latest tag. Pin a version, ideally with a digest.`
              : `'${image.resolved}' has no tag, which means latest. Pin a version, ideally with a digest.`,
        });
      },
    };
  },
};
