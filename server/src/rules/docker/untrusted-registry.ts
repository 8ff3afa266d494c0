// Images from outside trusted sources: anyone can publish to a personal Docker Hub namespace, a
// GitHub account's ghcr.io namespace or an unknown registry, and the files of a base image (or of
// an image that COPY --from or RUN --mount reads) run in your container.
import type { Instruction } from 'dockerfile-ast';
import { parseImage, type DockerModel, type ImageReference, type Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';

const hubHosts = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Sources trusted by default besides Docker Hub's official images and verified publishers, in
 * the syntax of "trustedRegistries": a host trusts the whole registry, a host with a path the
 * repositories under it. Registries where any account can publish (ghcr.io) are trusted per
 * organisation.
 */
const defaultTrusted = [
  'mcr.microsoft.com',
  // Red Hat's own registries (UBI and Red Hat images; partners publish on registry.connect.redhat.com).
  'registry.access.redhat.com',
  'registry.redhat.io',
  'gcr.io/distroless',
  'public.ecr.aws',
  'cgr.dev',
  'ghcr.io/actions',
  'ghcr.io/anchore',
  'ghcr.io/aquasecurity',
  'ghcr.io/astral-sh',
  'ghcr.io/github',
  'ghcr.io/goreleaser',
  'ghcr.io/graalvm',
  'ghcr.io/hadolint',
  'ghcr.io/microsoft',
  'ghcr.io/oracle',
  'ghcr.io/prefix-dev',
  'ghcr.io/puppeteer',
  'ghcr.io/sigstore',
];

/** Docker Hub namespaces of official and verified publishers. */
const trustedHubNamespaces = new Set([
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
]);

/** An image as the trust check sees it: the registry host (`docker.io` for Hub) and the repository path. */
interface Repository {
  host: string;
  path: string[];
  hub: boolean;
}

function repositoryOf(image: Pick<ImageReference, 'registry' | 'name'>): Repository | undefined {
  if (!image.name) return undefined;
  const hub = image.registry === undefined || hubHosts.has(image.registry);
  const path = image.name.split('/');
  // Official images live under library/ (`node` is `docker.io/library/node`).
  if (hub && path.length === 1) path.unshift('library');
  return { host: hub ? 'docker.io' : image.registry!, path, hub };
}

/**
 * Whether a "trustedRegistries" entry covers the repository: `registry.example.com` (the whole
 * registry), `ghcr.io/my-org` (repositories under it), `*.example.com` (every subdomain), `*`
 * (everything); a `*` path segment matches any one segment.
 */
export function entryCovers(entry: string, repository: Repository): boolean {
  const [hostPattern, ...segments] = entry.toLowerCase().split('/');
  const host = hubHosts.has(hostPattern) ? 'docker.io' : hostPattern;
  const hostMatches =
    host === '*' || host === repository.host || (host.startsWith('*.') && repository.host.endsWith(host.slice(1)));
  if (!hostMatches) return false;
  if (segments.length > repository.path.length) return false;
  return segments.every((segment, i) => segment === '*' || segment === repository.path[i]);
}

function isTrusted(repository: Repository, extra: readonly string[]): boolean {
  if (extra.some((entry) => entryCovers(entry, repository))) return true;
  if (repository.hub) return trustedHubNamespaces.has(repository.path[0]);
  return defaultTrusted.some((entry) => entryCovers(entry, repository));
}

function describe(image: Pick<ImageReference, 'tag' | 'digest'>, repository: Repository): string {
  const name = repository.hub && repository.path[0] === 'library' ? repository.path.slice(1) : repository.path;
  return `${repository.host}/${name.join('/')}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`;
}

/** Why the repository is not trusted, and the "trustedRegistries" entry that would trust it. */
function verdict(repository: Repository, extra: readonly string[]): { reason: string; entry: string } {
  const namespace = repository.path.length > 1 ? `${repository.host}/${repository.path[0]}` : repository.host;
  if (repository.hub)
    return {
      reason:
        'is outside the trusted Docker Hub namespaces (official images, verified publishers and trustedRegistries)',
      entry: namespace,
    };
  const hostOnly = (entry: string): string => entry.toLowerCase().split('/')[0];
  const partly = [...defaultTrusted, ...extra].some(
    (entry) => entry.includes('/') && entryCovers(hostOnly(entry), repository),
  );
  if (partly) return { reason: `is outside the trusted namespaces of ${repository.host}`, entry: namespace };
  return { reason: `comes from registry '${repository.host}', which is not trusted`, entry: namespace };
}

type Usage = 'Base image' | 'COPY --from image' | 'RUN --mount image';

/** An image a flag value names (`--from=…`, `from=…` of a mount), unless it names a stage or cannot be resolved. */
function flagImage(
  model: DockerModel,
  stage: Stage,
  instruction: Instruction,
  value: string | null,
  range: Parameters<DockerModel['spanOf']>[0] | null,
): (ImageReference & { resolved: string }) | undefined {
  if (!value || !range) return undefined;
  const resolved = model.substituteAt(stage, instruction, value);
  if (resolved === undefined || resolved === '' || /\s|\$/.test(resolved)) return undefined;
  if (model.stageByReference(resolved) || resolved.toLowerCase() === 'scratch') return undefined;
  return { written: value, resolved, span: model.spanOf(range), ...parseImage(resolved) };
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
      'A FROM, COPY --from or RUN --mount from= pulls an image from a registry or namespace outside the trusted list (Docker official images and verified publishers, mcr.microsoft.com, Red Hat\u2019s registries, gcr.io/distroless, public.ecr.aws, cgr.dev, known ghcr.io organisations and the project\u2019s trustedRegistries). Everything in such an image runs in your container; an unknown publisher can ship anything.',
    remedy:
      'Use an official or verified image, or add your own registry or namespace to "trustedRegistries" in .blah-security.json.',
  },
  create(context) {
    const { config, model } = context;
    const check = (image: ImageReference | undefined, usage: Usage): void => {
      // An image whose registry or namespace is a variable without a default cannot be judged.
      if (!image?.name || image.resolved === undefined || image.resolved.includes('$')) return;
      const repository = repositoryOf(image);
      if (!repository || isTrusted(repository, config.trustedRegistries)) return;
      const { reason, entry } = verdict(repository, config.trustedRegistries);
      context.report({
        start: image.span.start,
        end: image.span.end,
        message: `${usage} '${describe(image, repository)}' ${reason}. Use an official or verified image, or add "${entry}" to trustedRegistries.`,
      });
    };
    const copy = (instruction: Instruction, stage: Stage): void => {
      for (const flag of model.flags(instruction, 'from'))
        check(flagImage(model, stage, instruction, flag.getValue(), flag.getValueRange()), 'COPY --from image');
    };
    return {
      FROM(_from, stage) {
        check(stage.image, 'Base image');
      },
      COPY: copy,
      ADD: copy,
      RUN(instruction, stage) {
        for (const mount of model.flags(instruction, 'mount')) {
          const from = mount.getOption('from');
          if (from)
            check(flagImage(model, stage, instruction, from.getValue(), from.getValueRange()), 'RUN --mount image');
        }
      },
    };
  },
};
