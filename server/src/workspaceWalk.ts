// Which files of a project to analyze: one walk for the CLI (node fs) and the language server
// (node fs or the editor's file system in a browser). It skips dependency, VCS and build folders,
// applies .gitignore at every level as git does, the project's `ignore` list and the editor's
// `files.exclude`, never follows symbolic links, and lists source files and project files
// (.env, package.json, lockfiles, CI configuration) apart.
import { languageOf } from './engine/analyze';
import { CONFIG_FILE_NAME } from './engine/config';
import { IgnoreRules } from './engine/ignore';
import { GITIGNORE_PROBES, projectFileKind } from './languages/project/files';

/** Folders never scanned: dependencies, VCS data and build output. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'coverage', '.next', '.nuxt', '.turbo', '.cache', '.vscode-test']);

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/** What the walk needs from a file system; locations are the host's (paths or URIs). */
export interface WalkHost {
  /** Entries of a folder; throws (with `code` when known) if it cannot be read. */
  readDirectory(location: string): Promise<Array<{ name: string; type: EntryType }>>;
  /** A file's text, or undefined when it does not exist or cannot be read. */
  readText(location: string): Promise<string | undefined>;
  join(folder: string, name: string): string;
}

export interface WalkOptions {
  /** Patterns relative to the root (the project config's `ignore`, `files.exclude`), gitignore syntax. */
  exclude?: IgnoreRules;
  /** .gitignore texts of folders above the root, outermost first, each with the root's path relative to it. */
  outerGitignores?: Array<{ text: string; rootPrefix: string }>;
  /** Called between folders so a long walk can yield or stop (return false to stop). */
  onFolder?: () => Promise<boolean | void> | boolean | void;
}

export interface WalkedFile {
  location: string;
  /** Relative to the root, POSIX separators. */
  path: string;
  /** Listed although git ignores it (.env files: their values matter, their git status is a rule's question). */
  gitIgnored?: boolean;
}

export interface WalkResult {
  sources: WalkedFile[];
  projectFiles: WalkedFile[];
  notes: Array<{ location: string; reason: string }>;
  /** Whether git would ignore each probe path (GITIGNORE_PROBES) at the root. */
  gitIgnored: Record<string, boolean>;
  /** False when `onFolder` stopped the walk early. */
  complete: boolean;
}

interface Level {
  /** The level's folder relative to the root ('' for the root), or a prefix for outer levels. */
  base: string;
  /** For outer levels: the root's path relative to the level's folder. */
  rootPrefix?: string;
  rules: IgnoreRules;
}

function decide(levels: readonly Level[], path: string, isDirectory: boolean): boolean {
  let decision: boolean | undefined;
  for (const level of levels) {
    let rel: string;
    if (level.rootPrefix !== undefined) rel = level.rootPrefix ? `${level.rootPrefix}/${path}` : path;
    else if (level.base === '') rel = path;
    else if (path.startsWith(level.base + '/')) rel = path.slice(level.base.length + 1);
    else continue;
    const d = level.rules.decide(rel, isDirectory);
    if (d !== undefined) decision = d;
  }
  return decision === true;
}

/** Walks `root` and returns what to analyze, sorted by path within each folder. */
export async function walkProject(root: string, host: WalkHost, options: WalkOptions = {}): Promise<WalkResult> {
  const result: WalkResult = { sources: [], projectFiles: [], notes: [], gitIgnored: {}, complete: true };
  const outer: Level[] = (options.outerGitignores ?? []).map((g) => ({ base: '', rootPrefix: g.rootPrefix, rules: IgnoreRules.fromText(g.text) }));
  const rootLevels = [...outer];
  const rootIgnore = await host.readText(host.join(root, '.gitignore'));
  if (rootIgnore !== undefined) rootLevels.push({ base: '', rules: IgnoreRules.fromText(rootIgnore) });
  for (const probe of GITIGNORE_PROBES) result.gitIgnored[probe] = decide(rootLevels, probe, false);

  const walk = async (location: string, path: string, levels: Level[]): Promise<boolean> => {
    if (options.onFolder && (await options.onFolder()) === false) return false;
    let own = levels;
    if (path !== '') {
      const text = await host.readText(host.join(location, '.gitignore'));
      if (text !== undefined) own = [...levels, { base: path, rules: IgnoreRules.fromText(text) }];
    }
    let entries;
    try {
      entries = await host.readDirectory(location);
    } catch (error) {
      result.notes.push({ location, reason: `cannot read folder (${(error as { code?: string }).code ?? 'error'})` });
      return true;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childPath = path ? `${path}/${entry.name}` : entry.name;
      const childLocation = host.join(location, entry.name);
      if (entry.type === 'directory') {
        if (SKIPPED_FOLDERS.has(entry.name) || decide(own, childPath, true) || options.exclude?.ignores(childPath, true)) continue;
        if (!(await walk(childLocation, childPath, own))) return false;
      } else if (entry.type === 'file') {
        if (entry.name === CONFIG_FILE_NAME || options.exclude?.ignores(childPath)) continue;
        if (decide(own, childPath, false)) {
          if (projectFileKind(childPath) === 'env') result.projectFiles.push({ location: childLocation, path: childPath, gitIgnored: true });
          continue;
        }
        if (languageOf(childPath)) result.sources.push({ location: childLocation, path: childPath });
        else if (projectFileKind(childPath)) result.projectFiles.push({ location: childLocation, path: childPath });
      }
      // Symbolic links are never followed: no cycles, no escaping the tree.
    }
    return true;
  };
  result.complete = await walk(root, '', rootLevels);
  return result;
}

/** VS Code's `files.exclude` ({ glob: true }) as gitignore-syntax lines relative to the root. */
export function excludeGlobsToIgnoreLines(globs: Readonly<Record<string, unknown>> | undefined): string[] {
  if (!globs) return [];
  return Object.entries(globs)
    .filter(([, on]) => on === true)
    .map(([glob]) => (glob.startsWith('**/') || glob.startsWith('/') ? glob : `/${glob}`));
}
