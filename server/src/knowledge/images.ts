// What well-known base images do about the user their containers run as, from their publishers'
// documentation: images that already run unprivileged when a Dockerfile sets no USER, and Windows
// images, where root and USER mean something else. Anything not listed runs as root.
import type { ImageReference } from '../languages/dockerfile/model';

type Image = Pick<ImageReference, 'registry' | 'name' | 'tag'>;

const hub = (image: Image): boolean =>
  image.registry === undefined || ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(image.registry);

/** The images of jupyter/docker-stacks: docker-stacks-foundation ends with `USER ${NB_UID}` (jovyan, 1000). */
const jupyterStacks = new Set([
  'docker-stacks-foundation',
  'base-notebook',
  'minimal-notebook',
  'scipy-notebook',
  'r-notebook',
  'julia-notebook',
  'tensorflow-notebook',
  'pytorch-notebook',
  'datascience-notebook',
  'pyspark-notebook',
  'all-spark-notebook',
]);

/** Chainguard images whose reference pages give a non-root default user (65532); wolfi-base and chainguard-base run as root. */
const chainguardNonRoot = new Set(['static', 'python', 'node']);

/**
 * The unprivileged user a base image runs as when the Dockerfile sets no USER, described for a
 * message; undefined when it runs as root or is not known.
 */
export function nonRootBaseUser(image: Image | undefined): string | undefined {
  if (!image?.name) return undefined;
  const name = image.name.replace(/^library\//, '');
  const tag = image.tag ?? '';
  const [namespace, repository] = name.split('/');
  // jupyter/* on Docker Hub (older tags) and quay.io/jupyter/* (current).
  if ((hub(image) || image.registry === 'quay.io') && namespace === 'jupyter' && jupyterStacks.has(repository ?? ''))
    return 'jovyan (the Jupyter Docker Stacks user)';
  // Distroless and other images published with a `nonroot` tag (`:nonroot`, `:debug-nonroot`, `:latest-nonroot`).
  if (/(?:^|-)nonroot(?:-|$)/.test(tag)) return 'nonroot (its :nonroot tag)';
  if (
    image.registry === 'cgr.dev' &&
    namespace === 'chainguard' &&
    chainguardNonRoot.has(repository ?? '') &&
    !/-dev$/.test(tag)
  )
    return 'nonroot (Chainguard images run as 65532)';
  // NGINX's unprivileged image, on each registry it is published to.
  const unprivileged =
    (hub(image) && name === 'nginxinc/nginx-unprivileged') ||
    (image.registry === 'ghcr.io' && name === 'nginxinc/nginx-unprivileged') ||
    ((image.registry === 'quay.io' || image.registry === 'public.ecr.aws') && name === 'nginx/nginx-unprivileged');
  if (unprivileged) return 'nginx (nginx-unprivileged)';
  // .NET's chiseled (distroless) images run as the app user (1654).
  if (image.registry === 'mcr.microsoft.com' && name.startsWith('dotnet/') && /chiseled/.test(tag))
    return 'app (a .NET chiseled image)';
  return undefined;
}

/** Windows container images: no root user, and USER names a Windows account (ContainerUser, ContainerAdministrator). */
export function isWindowsImage(image: Image | undefined): boolean {
  if (!image?.name) return false;
  const tag = (image.tag ?? '').toLowerCase();
  if (/(?:^|-)(?:windowsservercore|nanoserver|ltsc20\d\d)(?:-|$)/.test(tag)) return true;
  if (image.registry !== 'mcr.microsoft.com') return false;
  return /^windows(?:\/|$)/.test(image.name) || image.name.startsWith('dotnet/framework/');
}
