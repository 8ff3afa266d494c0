// Base images from outside trusted registries: anyone can publish to a personal Docker Hub
// namespace or an unknown registry, and a base image runs everything in your container.
import type { DockerRule } from '../../languages/dockerfile/rule';

/** Registries (and registry/namespace prefixes) trusted by default, besides Docker Hub. */
const trustedPrefixes = ['mcr.microsoft.com', 'gcr.io/distroless', 'public.ecr.aws', 'cgr.dev', 'ghcr.io'];
const hubHosts = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** Docker Hub namespaces of official and verified publishers. */
const trustedHubNamespaces = [
  'library',
  'docker',
  'bitnami',
  'grafana',
  'hashicorp',
  'amazon',
  'circleci',
  'cimg',
  'curlimages',
  'mongodb',
  'elastic',
  'redis',
  'localstack',
  'nginxinc',
  'denoland',
  'oven',
  'chainguard',
  'jetbrains',
  'ubuntu',
  'datadog',
  'envoyproxy',
  'confluentinc',
  'rancher',
  'portainer',
  'traefik',
  'minio',
];

function isTrusted(registry: string | undefined, name: string, extra: readonly string[]): boolean {
  const hub = registry === undefined || hubHosts.has(registry);
  const full = `${hub ? 'docker.io' : registry}/${name}`;
  const under = (prefix: string): boolean => full === prefix || full.startsWith(prefix.replace(/\/?$/, '/'));
  if (extra.some(under)) return true;
  if (!hub) return trustedPrefixes.some(under);
  // Docker Hub: official images have no namespace; verified publishers have known ones.
  const parts = name.split('/');
  return parts.length === 1 || trustedHubNamespaces.includes(parts[0]);
}

export const untrustedRegistry: DockerRule = {
  id: 'docker/untrusted-registry',
  language: 'dockerfile',
  meta: {
    title: 'Base image from an untrusted source',
    summary: 'base image from outside official/verified/trusted registries',
    severity: 'info',
    guideSection: 'Container Security › Use official base images',
    checklistItem: 'dependencies-updated',
    description:
      'A FROM pulls an image from a registry or Docker Hub namespace outside the trusted list (Docker official and verified publishers, mcr.microsoft.com, gcr.io/distroless, public.ecr.aws, cgr.dev, ghcr.io and the project\u2019s trustedRegistries). Everything in a base image runs in your container; an unknown publisher can ship anything.',
    remedy:
      'Start from an official or verified image, or add your own registry to "trustedRegistries" in .blah-security.json.',
  },
  create(context) {
    const { config } = context;
    return {
      FROM(_from, stage) {
        const image = stage.image;
        if (!image?.name || image.resolved === undefined) return;
        if (isTrusted(image.registry, image.name, config.trustedRegistries)) return;
        const source = image.registry
          ? `registry '${image.registry}'`
          : `Docker Hub namespace '${image.name.split('/')[0]}'`;
        context.report({
          start: image.span.start,
          end: image.span.end,
          message: `'${image.resolved}' comes from ${source}, which is not a trusted source. Use an official or verified base image.`,
        });
      },
    };
  },
};
