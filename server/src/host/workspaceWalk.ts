// Which files of a project to analyze: one walk for the CLI (node fs) and the language server
// (node fs or the editor's file system in a browser). It skips dependency, VCS and build folders,
// applies .gitignore at every level as git does, the project's `ignore` list and the editor's
// `files.exclude`, never follows symbolic links, and lists source files and project files
// (.env, package.json, lockfiles, CI configuration) apart.
import { CONFIG_FILE_NAME, type ProjectConfig } from '../core/config';
import { mayBeAnalyzed } from '../engine/detect';
import { IgnoreRules } from '../core/ignore';
import type { LanguageId } from '../core/rule';
import type { DirectoryEntry } from '../protocol';
import { GITIGNORE_PROBES, projectFileKind } from '../languages/project/files';

/** Folders never scanned: dependencies, VCS data and build output. */
export const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'out',
  'build',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  '.vscode-test',
]);

export type EntryType = DirectoryEntry['type'];

/** What the walk needs from a file system; locations are the host's (paths or URIs). */
export interface WalkHost {
  /**
   * Entries of a folder; throws (with `code` when known) if it cannot be read. An entry with
   * `unreadable` cannot be opened at all (its name is not valid UTF-8): `name` is a printable
   * form of it, for the report.
   */
  readDirectory(location: string): Promise<Array<{ name: string; type: EntryType; unreadable?: string }>>;
  /** A file's text, or undefined when it does not exist or cannot be read. */
  readText(location: string): Promise<string | undefined>;
  join(folder: string, name: string): string;
}

export interface WalkOptions {
  /** Patterns relative to the root (`files.exclude`), gitignore syntax; they always apply. */
  exclude?: IgnoreRules;
  /**
   * The project configuration that applies at the root (its `ignore` and `languages`), with
   * patterns relative to the project root, and the root's path relative to that ('' when the
   * root is the project root).
   */
  rootConfig?: { config: ProjectConfig; rootPrefix: string };
  /**
   * Parses a `.blah-security.json` found below the root; its `ignore` and `languages` apply to
   * its folder's subtree (and a `"root": true` one cuts off those above it). Without it, nested
   * configuration files are not read.
   */
  readConfig?: (text: string, location: string) => ProjectConfig | undefined;
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
  /** Configuration files below the root, by folder (relative to the root), outermost first. */
  configs: Array<{ path: string; location: string; config: ProjectConfig }>;
  projectFiles: WalkedFile[];
  /** Files and folders not walked or listed, and why; `failed` when they could not be read. */
  notes: Array<{ location: string; reason: string; failed?: true }>;
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

/** A project configuration's patterns, at the folder it applies from. */
interface ConfigLevel {
  base: string;
  rootPrefix?: string;
  ignore: IgnoreRules;
  languages: Array<{ matcher: IgnoreRules; language: LanguageId }>;
  root: boolean;
}

function configLevel(config: ProjectConfig, base: string, rootPrefix?: string): ConfigLevel {
  return {
    base,
    ...(rootPrefix !== undefined ? { rootPrefix } : {}),
    ignore: new IgnoreRules(config.ignore),
    languages: config.languages.map((m) => ({ matcher: new IgnoreRules([m.pattern]), language: m.language })),
    root: config.root === true,
  };
}

/** `path` (relative to the walk's root) as the level's patterns see it, or undefined outside its folder. */
function levelPath(level: { base: string; rootPrefix?: string }, path: string): string | undefined {
  if (level.rootPrefix !== undefined) return level.rootPrefix ? `${level.rootPrefix}/${path}` : path;
  if (level.base === '') return path;
  return path.startsWith(level.base + '/') ? path.slice(level.base.length + 1) : undefined;
}

/** The configuration levels that apply: from the innermost `"root": true` on. */
function appliedConfigs(levels: readonly ConfigLevel[]): readonly ConfigLevel[] {
  for (let i = levels.length - 1; i > 0; i--) if (levels[i].root) return levels.slice(i);
  return levels;
}

function configIgnores(levels: readonly ConfigLevel[], path: string, isDirectory: boolean): boolean {
  let decision: boolean | undefined;
  for (const level of appliedConfigs(levels)) {
    const rel = levelPath(level, path);
    if (rel === undefined) continue;
    const d = level.ignore.ignores(rel, isDirectory);
    if (d) decision = true;
  }
  return decision === true;
}

/** The language the project configuration maps `path` to, if any (the nearest, last pattern wins). */
function configLanguage(levels: readonly ConfigLevel[], path: string): LanguageId | undefined {
  let language: LanguageId | undefined;
  for (const level of appliedConfigs(levels)) {
    const rel = levelPath(level, path);
    if (rel === undefined) continue;
    for (const mapping of level.languages) if (mapping.matcher.ignores(rel)) language = mapping.language;
  }
  return language;
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
  const result: WalkResult = { sources: [], configs: [], projectFiles: [], notes: [], gitIgnored: {}, complete: true };
  const rootConfigs: ConfigLevel[] = options.rootConfig
    ? [configLevel(options.rootConfig.config, '', options.rootConfig.rootPrefix)]
    : [];
  const outer: Level[] = (options.outerGitignores ?? []).map((g) => ({
    base: '',
    rootPrefix: g.rootPrefix,
    rules: IgnoreRules.fromText(g.text),
  }));
  const rootLevels = [...outer];
  const rootIgnore = await host.readText(host.join(root, '.gitignore'));
  if (rootIgnore !== undefined) rootLevels.push({ base: '', rules: IgnoreRules.fromText(rootIgnore) });
  for (const probe of GITIGNORE_PROBES) result.gitIgnored[probe] = decide(rootLevels, probe, false);

  const walk = async (location: string, path: string, levels: Level[], configs: ConfigLevel[]): Promise<boolean> => {
    if (options.onFolder && (await options.onFolder()) === false) return false;
    let own = levels;
    let ownConfigs = configs;
    if (path !== '') {
      const text = await host.readText(host.join(location, '.gitignore'));
      if (text !== undefined) own = [...levels, { base: path, rules: IgnoreRules.fromText(text) }];
      if (options.readConfig) {
        const configLocation = host.join(location, CONFIG_FILE_NAME);
        const configText = await host.readText(configLocation);
        const config = configText === undefined ? undefined : options.readConfig(configText, configLocation);
        if (config) {
          result.configs.push({ path, location: configLocation, config });
          ownConfigs = [...configs, configLevel(config, path)];
        }
      }
    }
    let entries;
    try {
      entries = await host.readDirectory(location);
    } catch (error) {
      result.notes.push({
        location,
        reason: `cannot read folder (${(error as { code?: string }).code ?? 'error'})`,
        failed: true,
      });
      return true;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childPath = path ? `${path}/${entry.name}` : entry.name;
      const childLocation = host.join(location, entry.name);
      if (entry.unreadable) {
        // A folder that may hold sources, or a file that may be one, was not checked.
        if (entry.type === 'directory' ? !SKIPPED_FOLDERS.has(entry.name) : mayBeAnalyzed(childLocation))
          result.notes.push({ location: childLocation, reason: entry.unreadable, failed: true });
        continue;
      }
      if (entry.type === 'directory') {
        if (
          SKIPPED_FOLDERS.has(entry.name) ||
          decide(own, childPath, true) ||
          options.exclude?.ignores(childPath, true) ||
          configIgnores(ownConfigs, childPath, true)
        )
          continue;
        if (!(await walk(childLocation, childPath, own, ownConfigs))) return false;
      } else if (entry.type === 'file') {
        if (
          entry.name === CONFIG_FILE_NAME ||
          options.exclude?.ignores(childPath) ||
          configIgnores(ownConfigs, childPath, false)
        )
          continue;
        if (decide(own, childPath, false)) {
          if (projectFileKind(childPath) === 'env')
            result.projectFiles.push({ location: childLocation, path: childPath, gitIgnored: true });
          continue;
        }
        if (mayBeAnalyzed(childLocation) || configLanguage(ownConfigs, childPath))
          result.sources.push({ location: childLocation, path: childPath });
        else if (projectFileKind(childPath)) result.projectFiles.push({ location: childLocation, path: childPath });
      }
      // Symbolic links are never followed: no cycles, no escaping the tree.
    }
    return true;
  };
  result.complete = await walk(root, '', rootLevels, rootConfigs);
  return result;
}

/** VS Code's `files.exclude` ({ glob: true }) as gitignore-syntax lines relative to the root. */
export function excludeGlobsToIgnoreLines(globs: Readonly<Record<string, unknown>> | undefined): string[] {
  if (!globs) return [];
  return Object.entries(globs)
    .filter(([, on]) => on === true)
    .map(([glob]) => (glob.startsWith('**/') || glob.startsWith('/') ? glob : `/${glob}`));
}
