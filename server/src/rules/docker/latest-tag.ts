// FROM an image without a pinned version: every build may get a different base, with new
// vulnerabilities or breaking changes, and nobody can say which one is running. The image is
// judged after ARG substitution (nested ARG defaults expanded); an image that stays unknown
// (an ARG without a default, a template placeholder) is not judged.
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
        // `FROM $BASE`: the image is the ARG defaults' (nested ARGs expanded), which a build may override.
        const name = image.written.includes('$')
          ? `'${image.resolved}' (from the ARG defaults)`
          : `'${image.resolved}'`;
        context.report({
          start: image.span.start,
          end: image.span.end,
          message:
            image.tag === 'latest'
              ? `${name} follows the moving latest tag. Pin a version, ideally with a digest.`
              : `${name} has no tag, which means latest. Pin a version, ideally with a digest.`,
        });
      },
    };
  },
};
