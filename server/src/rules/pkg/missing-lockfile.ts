// Without a lockfile every install resolves the ranges afresh: builds differ, and a bad release
// reaches production without anyone choosing it.
import { dependencyEntries } from '../../languages/project/packageJson';
import type { WorkspaceRule } from '../../languages/project/rule';
import { folderPath } from '../../core/paths';

export const missingLockfile: WorkspaceRule = {
  id: 'pkg/missing-lockfile',
  language: 'workspace',
  meta: {
    title: 'No lockfile for package.json',
    summary: 'a `package.json` with dependencies and no lockfile',
    severity: 'info',
    guideSection: 'Dependency Security › Keep dependencies updated',
    checklistItem: 'dependencies-updated',
    description:
      'This package.json declares dependencies and no lockfile (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock) sits beside it or in a folder above (a monorepo root). Each install then resolves versions anew, `npm audit` has nothing exact to check, and `npm ci` cannot run.',
    remedy:
      'Run npm install (or your package manager) and commit the lockfile; install with npm ci in CI and Docker builds.',
  },
  check({ project, report }) {
    const lockFolders = new Set(project.ofKind('lockfile').map((f) => folderPath(f.path)));
    for (const file of project.ofKind('package-json')) {
      if (!file.text) continue;
      const entries = dependencyEntries(file.text);
      if (entries.length === 0) continue;
      let folder: string | undefined = folderPath(file.path);
      let locked = false;
      for (; folder !== undefined; folder = parentFolder(folder)) if (lockFolders.has(folder)) locked = true;
      if (locked) continue;
      const first = entries[0];
      report(file.path, {
        start: first.sectionStart,
        end: first.sectionEnd,
        message: `${file.path} has ${entries.length} dependenc${entries.length === 1 ? 'y' : 'ies'} and no lockfile. Commit the lockfile your package manager writes.`,
      });
    }
  },
};

function parentFolder(folder: string): string | undefined {
  if (folder === '') return undefined;
  return folderPath(folder);
}
