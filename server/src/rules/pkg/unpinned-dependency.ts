// `*`, `latest` or an open `>=` range installs whatever is published next, including a
// compromised release, on the next install without a lockfile or with `npm update`.
import { dependencyEntries } from '../../languages/project/packageJson';
import type { WorkspaceRule } from '../../languages/project/rule';

/** Why a version specifier is unpinned, or undefined when it is bounded. */
export function unpinnedReason(spec: string): string | undefined {
  const v = spec.trim();
  if (v === '' || v === '*' || /^x(?:\.x){0,2}$/i.test(v)) return 'accepts any version';
  if (/^(?:latest|next|canary|beta|alpha|rc|nightly|dev)$/i.test(v)) return `follows the '${v}' tag`;
  if (
    /^(?:git\+|git:|github:|gitlab:|bitbucket:|https?:\/\/.*\.git(?:#|$)|[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:#|$))/.test(
      v,
    )
  ) {
    const ref = v.includes('#') ? v.slice(v.indexOf('#') + 1) : '';
    if (/^(?:commit=)?[0-9a-f]{7,40}$/i.test(ref) || /^semver:/.test(ref)) return undefined;
    return ref ? `points at the moving git ref '${ref}'` : 'points at a git branch head';
  }
  if (/^(?:file:|link:|workspace:|npm:|portal:|patch:)/.test(v)) return undefined;
  // Each `||` alternative must have an upper bound.
  for (const part of v.split('||')) {
    const p = part.trim();
    if (/^>=?\s*\d/.test(p) && !/<=?\s*\d/.test(p)) return `has no upper bound ('${p}')`;
    if (p === '' || p === '*') return 'accepts any version';
  }
  return undefined;
}

export const unpinnedDependency: WorkspaceRule = {
  id: 'pkg/unpinned-dependency',
  language: 'workspace',
  meta: {
    title: 'Unpinned dependency version',
    summary: 'dependency versions `*`, `latest`, open `>=` ranges, git branch heads',
    severity: 'warning',
    guideSection: 'Dependency Security › Keep dependencies updated',
    checklistItem: 'dependencies-updated',
    description:
      'A package.json dependency accepts any version (`*`, `latest`, `x`, an open `>=` range) or follows a git branch. The next install takes whatever was published last, including a hijacked release: updates should be deliberate (a lockfile, Dependabot or Renovate PRs), not a side effect of installing.',
    remedy:
      'Use a bounded range (^1.2.3) or an exact version, pin git dependencies to a commit, and commit the lockfile.',
  },
  check({ project, report }) {
    // A package of the workspace itself (a monorepo's packages/*) is linked, not downloaded: `*` is how npm workspaces name it.
    const ownPackages = new Set<string>();
    for (const file of project.ofKind('package-json')) {
      const name = file.text ? packageName(file.text) : undefined;
      if (name) ownPackages.add(name);
    }
    for (const file of project.ofKind('package-json')) {
      if (!file.text) continue;
      for (const entry of dependencyEntries(file.text)) {
        if (ownPackages.has(entry.name)) continue;
        const reason = unpinnedReason(entry.version);
        if (!reason) continue;
        report(file.path, {
          start: entry.versionStart,
          end: entry.versionEnd,
          message: `${entry.name} ${reason}. Pin it to a bounded range or an exact version.`,
        });
      }
    }
  },
};

/** The `name` of a package.json, if it has one. */
function packageName(text: string): string | undefined {
  try {
    const json: unknown = JSON.parse(text);
    const name = json && typeof json === 'object' ? (json as { name?: unknown }).name : undefined;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}
