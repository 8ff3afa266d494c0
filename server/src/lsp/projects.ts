// Settings and project configuration per document: the editor's settings for its workspace
// folder, the .blah-security.json files above it (merged), and the analysis job built from both.
// Each is resolved once and cached until a configuration change invalidates it.
import {
  closestId,
  CONFIG_FILE_NAME,
  DEFAULT_MAX_FILE_SIZE,
  isRulePattern,
  mergeConfigLayers,
  parseProjectConfig,
  resolveConfig,
  rulePatternMatches,
  type ConfigProblem,
  type ProjectConfig,
  type ResolvedConfig,
} from '../core/config';
import { IgnoreRules } from '../core/ignore';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { COMPANION_ROUNDS, companionFiles, type AnalyzeInput } from '../engine/analyze';
import type { AnalysisJob } from '../host/analysisJob';
import { excludeGlobsToIgnoreLines } from '../host/workspaceWalk';
import { ruleIds } from '../rules';
import { REPLACE_RULE_SETTING_REQUEST, SETTINGS_SECTION, type BlahSecuritySettings } from '../protocol';
import type { ServerContext } from './context';
import { textFingerprint } from './workspaceService';
import { isInside, joinUri, parentUri, relativePath, resolveUri, uriPath } from './uris';

const defaultSettings: BlahSecuritySettings = { enable: true, rules: {} };

/** The `exclude` setting's globs as ignore lines, as files.exclude's are (entries that are no glob are dropped). */
export function excludeLines(exclude: unknown): string[] {
  if (!Array.isArray(exclude)) return [];
  return excludeGlobsToIgnoreLines(
    Object.fromEntries(
      exclude
        .filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '')
        .map((glob) => [glob, true]),
    ),
  );
}

/** Everything that decides how one document is analyzed. */
export interface Project {
  /** Folder URI project paths are relative to ('' outside any project). */
  root: string;
  config: ResolvedConfig;
  settings: BlahSecuritySettings;
  parsed?: ProjectConfig;
}

interface ProjectFiles {
  parsed?: ProjectConfig;
  root?: string;
}

export class Projects {
  /** Settings the client pushed (initializationOptions, didChangeConfiguration) for clients without `workspace/configuration`. */
  private pushedSettings: Partial<BlahSecuritySettings> = {};
  private readonly settingsCache = new Map<string, Promise<BlahSecuritySettings>>();
  private readonly configCache = new Map<string, Promise<ProjectFiles>>();
  private readonly projectCache = new Map<string, Promise<Project>>();
  /** Unknown rule ids of the settings already reported (once each per session). */
  private readonly reportedSettingIds = new Set<string>();
  /** The compiled `exclude` globs of each settings object. */
  private readonly excludeRules = new WeakMap<BlahSecuritySettings, IgnoreRules>();
  /** Configuration files whose problems the log has told, by URI and text (each once). */
  private readonly loggedConfigProblems = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

  push(settings: Partial<BlahSecuritySettings>): void {
    this.pushedSettings = settings;
  }

  /** Forgets settings and configuration files (a settings or configuration change). */
  invalidate(): void {
    this.settingsCache.clear();
    this.configCache.clear();
    this.projectCache.clear();
  }

  /** Forgets configuration files only (one was edited, opened or closed). */
  invalidateConfigFiles(): void {
    this.configCache.clear();
    this.projectCache.clear();
  }

  settingsFor(uri: string): Promise<BlahSecuritySettings> {
    const key = this.ctx.folderOf(uri) ?? '';
    let cached = this.settingsCache.get(key);
    if (!cached) {
      cached = (async () => {
        if (!this.ctx.client.configuration) return { ...defaultSettings, ...this.pushedSettings };
        try {
          const value = (await this.ctx.connection.workspace.getConfiguration({
            scopeUri: key || uri,
            section: SETTINGS_SECTION,
          })) as Partial<BlahSecuritySettings> | null;
          return { ...defaultSettings, ...(value ?? {}) };
        } catch {
          return { ...defaultSettings, ...this.pushedSettings };
        }
      })();
      void cached.then((settings) => this.checkRuleIds(settings, key || uri));
      this.settingsCache.set(key, cached);
    }
    return cached;
  }

  /**
   * Rule ids in the `blahSecurity.rules` setting that no rule has: each is reported once, with a
   * "did you mean", and replaced in the settings when the user picks that (clients that can).
   */
  private checkRuleIds(settings: BlahSecuritySettings, scopeUri: string): void {
    const rules: unknown = settings.rules;
    if (typeof rules !== 'object' || rules === null) return;
    for (const id of Object.keys(rules)) {
      if (ruleIds.includes(id) || this.reportedSettingIds.has(id)) continue;
      const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
      if (isRulePattern(id)) {
        // A pattern is valid when it names a rule; one that names none is a mistake all the same.
        if (ruleIds.some((ruleId) => rulePatternMatches(id, ruleId))) continue;
        this.reportedSettingIds.add(id);
        const message = `The pattern "${shown}" in the ${SETTINGS_SECTION}.rules setting matches no rule; it has no effect.`;
        this.ctx.connection.console.warn(message);
        void this.ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
        continue;
      }
      this.reportedSettingIds.add(id);
      const suggestion = closestId(id, ruleIds);
      const message = `Unknown rule "${shown}" in the ${SETTINGS_SECTION}.rules setting; it has no effect.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
      this.ctx.connection.console.warn(message);
      if (!suggestion || !this.ctx.client.replaceRuleSetting) {
        // A notification: nothing to answer (showWarningMessage would be a request).
        void this.ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
        continue;
      }
      const replace = { title: `Replace with ${suggestion}` };
      void (async () => {
        try {
          const picked = await this.ctx.connection.window.showWarningMessage(message, replace);
          if (picked?.title !== replace.title) return;
          await this.ctx.connection.sendRequest(REPLACE_RULE_SETTING_REQUEST, { scopeUri, from: id, to: suggestion });
        } catch (error) {
          this.ctx.refused(REPLACE_RULE_SETTING_REQUEST.method, error);
        }
      })();
    }
  }

  /**
   * The .blah-security.json files that apply to a document: its folder's and those above it,
   * within its workspace folder, merged (up to one with `"root": true`). `root` is the folder
   * project paths are relative to: the outermost applying file's, else the workspace folder.
   */
  configFilesFor(uri: string): Promise<ProjectFiles> {
    const folder = this.ctx.folderOf(uri);
    const start = parentUri(uri);
    let cached = this.configCache.get(start);
    if (!cached) {
      cached = (async () => {
        const found: Array<{ dir: string; config: ProjectConfig }> = [];
        const trusted = this.ctx.host.trustedFolder?.bind(this.ctx.host);
        for (let dir = start; ; dir = parentUri(dir)) {
          const configUri = joinUri(dir, CONFIG_FILE_NAME);
          // Outside every workspace folder, nothing is read from disk in a folder above the file's
          // that is not the user's own or that others may write (a configuration planted in /tmp);
          // a configuration open in the editor is the user's.
          if (!folder && dir !== start && trusted && !this.ctx.documents.get(configUri) && !(await trusted(dir))) break;
          const text = await this.ctx.readText(configUri);
          if (text !== undefined) {
            const { config, problems } = parseProjectConfig(text, ruleIds);
            this.logConfigProblems(configUri, text, problems);
            found.unshift({ dir, config });
            if (config.root) break;
          }
          // Inside a workspace folder, stop at its root; outside any, walk up to the file system root
          // (or to the first folder that is not trusted).
          if ((folder && (dir === folder || !isInside(dir, folder))) || parentUri(dir) === dir) break;
        }
        if (found.length === 0) return { root: folder };
        const root = found[0].dir;
        const parsed = mergeConfigLayers(
          found.map(({ dir, config }) => ({ base: dir === root ? '' : relativePath(root, dir), config })),
        );
        return { root, ...(parsed ? { parsed } : {}) };
      })();
      this.configCache.set(start, cached);
    }
    return cached;
  }

  /**
   * Whether the `blahSecurity.exclude` setting of a document's workspace folder matches it: such
   * a file gets no diagnostics and the workspace scan skips it. The globs are relative to the
   * workspace folder (`generated/**`, `**\/*.test.ts`), matched in linear time.
   */
  async isExcluded(uri: string): Promise<boolean> {
    const settings = await this.settingsFor(uri);
    const lines = excludeLines(settings.exclude);
    if (lines.length === 0) return false;
    let rules = this.excludeRules.get(settings);
    if (!rules) this.excludeRules.set(settings, (rules = new IgnoreRules(lines)));
    const folder = this.ctx.folderOf(uri);
    return rules.ignores(folder && isInside(uri, folder) ? relativePath(folder, uri) : uriPath(uri).replace(/^\//, ''));
  }

  /** Tells the log, once per file and text, what is wrong in a configuration file (not its text). */
  private logConfigProblems(uri: string, text: string, problems: readonly ConfigProblem[]): void {
    if (problems.length === 0) return;
    const key = `${uri}\n${textFingerprint(text)}`;
    if (this.loggedConfigProblems.has(key)) return;
    this.loggedConfigProblems.add(key);
    const shown = problems.slice(0, 5).map((p) => p.message);
    const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
    this.ctx.connection.console.warn(
      `${uri}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${CONFIG_FILE_NAME}: ${shown.join(' ')}${more}`,
    );
  }

  /** The folder a document's project-relative edits (config, .gitignore) go to. */
  async rootFor(uri: string): Promise<string | undefined> {
    return (await this.configFilesFor(uri)).root ?? this.ctx.folderOf(uri);
  }

  /**
   * Settings and configuration files resolved into one configuration, once per folder until a
   * change invalidates it (not again for every keystroke; the worker reuses its own copy too).
   */
  projectFor(uri: string): Promise<Project> {
    const key = `${this.ctx.folderOf(uri) ?? ''}\n${parentUri(uri)}`;
    let cached = this.projectCache.get(key);
    if (!cached) {
      cached = (async () => {
        const [settings, files] = await Promise.all([this.settingsFor(uri), this.configFilesFor(uri)]);
        const config = resolveConfig(
          files.parsed,
          { rules: settings.rules, maxFileSize: settings.maxFileSize },
          ruleIds,
        );
        return { root: files.root ?? '', config, settings, ...(files.parsed ? { parsed: files.parsed } : {}) };
      })();
      this.projectCache.set(key, cached);
    }
    return cached;
  }

  /** Whether the project's `languages` patterns give the file a language its name does not. */
  async mapsLanguage(uri: string): Promise<boolean> {
    const project = await this.projectFor(uri);
    return (
      project.config.languageOf(
        project.root && isInside(uri, project.root) ? relativePath(project.root, uri) : uriPath(uri),
      ) !== undefined
    );
  }

  /** The editor's `files.exclude` for a folder, as ignore lines (none when the client cannot say). */
  async filesExclude(folder: string): Promise<string[]> {
    if (!this.ctx.client.configuration) return [];
    try {
      return excludeGlobsToIgnoreLines(
        (await this.ctx.connection.workspace.getConfiguration({ scopeUri: folder, section: 'files.exclude' })) as
          Record<string, unknown> | undefined,
      );
    } catch {
      return [];
    }
  }

  /** What the engine needs for a file: its project-relative path, text and companion files. */
  async input(uri: string, text: string, languageId: string | undefined, root: string): Promise<AnalyzeInput> {
    const path = root && isInside(uri, root) ? relativePath(root, uri) : uriPath(uri);
    const input: AnalyzeInput = { path, location: uriPath(uri), text, ...(languageId ? { languageId } : {}) };
    let names = companionFiles(uriPath(uri), languageId, text);
    if (names.length > 0) {
      const folder = parentUri(uri);
      // Nothing outside the workspace folder is read (a name that leads there reads as absent);
      // a file outside every folder reads only beside and below itself.
      const boundary = this.ctx.folderOf(uri) ?? folder;
      const companions: Record<string, string | null> = {};
      const outside: string[] = [];
      // A symbolic link in the folder may lead outside it: where it leads must be inside too.
      const realUri = this.ctx.host.realUri?.bind(this.ctx.host);
      const realBoundary = realUri ? await realUri(boundary) : boundary;
      /** Whether a name may be read; a name that leads outside the folder is recorded in `outside`. */
      const readable = async (name: string, target: string): Promise<boolean> => {
        if (!isInside(target, boundary)) {
          outside.push(name);
          return false;
        }
        // An open document's text comes from the editor, not through a link.
        if (!realUri || this.ctx.documents.get(target)) return true;
        if (realBoundary === undefined) return false;
        const real = await realUri(target);
        if (real !== undefined && !isInside(real, realBoundary)) outside.push(name);
        return real !== undefined && isInside(real, realBoundary);
      };
      for (let round = 0; round < COMPANION_ROUNDS; round++) {
        const fresh = names.filter((name) => !(name in companions));
        if (fresh.length === 0) break;
        const texts = await Promise.all(
          fresh.map(async (name) => {
            const target = resolveUri(folder, name);
            // A companion larger than a source may be is not used: it is not read either.
            return (await readable(name, target)) ? this.ctx.readText(target, DEFAULT_MAX_FILE_SIZE) : undefined;
          }),
        );
        fresh.forEach((name, i) => (companions[name] = texts[i] ?? null));
        names = companionFiles(uriPath(uri), languageId, text, companions);
      }
      input.companions = companions;
      if (outside.length > 0) input.outside = outside;
    }
    return input;
  }

  /**
   * An analysis job: editor jobs carry the document's parse-cache key and make no fixes unless
   * asked (`fixes`, for code actions); the rest run in the background, without fixes.
   */
  job(input: AnalyzeInput, project: Project, cacheKey?: string, fixes = false): AnalysisJob {
    return {
      input,
      ...(cacheKey ? { cacheKey } : { priority: 'background' as const }),
      fixes,
      ...(project.parsed ? { project: project.parsed } : {}),
      settings: { rules: project.settings.rules, maxFileSize: project.settings.maxFileSize },
    };
  }
}
