// The language server: documents in, diagnostics, code actions and hovers out. Runtime-agnostic:
// the node and browser entries wire a connection and a host that reads files.
import { modify } from 'jsonc-parser';
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  LSPErrorCodes,
  ResponseError,
  CreateFile,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MarkupKind,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit as LspTextEdit,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type Connection,
  type Diagnostic,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { companionFiles, languageOf, type AnalysisResult, type AnalyzeInput } from '../engine/analyze';
import { mayBeAnalyzed } from '../engine/detect';
import { CONFIG_FILE_NAME, mergeConfigLayers, parseProjectConfig, resolveConfig, type ProjectConfig, type ResolvedConfig } from '../core/config';
import { docsUrl } from '../core/docs';
import { combineFixes, linesToAppend } from '../core/edits';
import { ruleById, ruleIds } from '../rules';
import type { Finding, Fix, Severity, TextEdit } from '../core/rule';
import { IGNORE_NEXT_LINE } from '../core/suppressions';
import { LineIndex, rangeContains } from '../core/text';
import { isInside, joinUri, parentUri, relativePath, uriPath } from './uris';
import { directiveDocs, directiveEntries } from '../languages/nginx/directives';
import { nginxCompletions, nginxHover } from '../languages/nginx/features';
import { createInProcessAnalyzer, type AnalysisJob, type Analyzer } from '../host/analysisJob';
import {
  CHECKLIST_CHANGED_NOTIFICATION,
  CHECKLIST_REQUEST,
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  SCAN_WORKSPACE_REQUEST,
  SETTINGS_SECTION,
  type BlahSecuritySettings,
  type ChecklistPayload,
  type ScanWorkspaceResult,
} from '../shared/protocol';
import type { EntryType } from '../host/workspaceWalk';
import { excludeGlobsToIgnoreLines } from '../host/workspaceWalk';
import { createWorkspaceService, type WorkspaceService } from './workspaceService';

/** What the runtime provides: reading files that are not open in the editor. */
export interface ServerHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
  /** Entries of a folder (throws when unreadable); without it there is no workspace scan. */
  readDirectory?(uri: string): Promise<Array<{ name: string; type: EntryType }>>;
  /** Where analysis runs; a worker with a watchdog on node, in process otherwise. */
  analyze?: Analyzer;
}

/** What a diagnostic carries so code actions need no re-analysis. */
export interface DiagnosticData {
  ruleId: string;
  version: number;
  fixes: Fix[];
}

export interface ServerOptions {
  /** Delay after the last change before analysis (ms). */
  debounceMs?: number;
}

/** Files whose changes on disk the workspace analysis follows. */
const WATCHED_GLOBS = [
  '**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}',
  '**/{Dockerfile,Containerfile,*.Dockerfile,*.Containerfile,Dockerfile.*,Containerfile.*}',
  '**/*.{conf,nginx,template,tmpl,tpl,sample,example,dist,default,in,orig}',
  '**/{sites-available,sites-enabled,vhost.d,conf.d,snippets,nginx}/*',
  '**/.gitignore',
  '**/{.env,.env.*,*.env}',
  '**/{package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,bun.lock,bun.lockb}',
  '**/{*.pem,*.key,id_rsa,id_dsa,id_ecdsa,id_ed25519}',
  '**/.github/**/*.{yml,yaml}',
  '**/{.gitlab-ci.yml,azure-pipelines.yml,bitbucket-pipelines.yml,Jenkinsfile,.travis.yml,renovate.json,renovate.json5,.renovaterc,.renovaterc.json}',
];

const lspSeverity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const defaultSettings: BlahSecuritySettings = { enable: true, rules: {} };

interface ProjectState {
  /** Folder URI the config applies to (paths in it are relative to this). */
  root: string;
  config: ResolvedConfig;
}

export function findingsToDiagnostics(findings: readonly Finding[], version: number): Diagnostic[] {
  return findings.map((finding) => {
    const rule = ruleById(finding.ruleId);
    const data: DiagnosticData = { ruleId: finding.ruleId, version, fixes: finding.fixes };
    return {
      range: finding.range,
      severity: lspSeverity[finding.severity],
      code: finding.ruleId,
      ...(rule ? { codeDescription: { href: docsUrl(rule) } } : {}),
      source: DIAGNOSTIC_SOURCE,
      message: finding.message,
      data,
    };
  });
}

export function startServer(connection: Connection, host: ServerHost, options: ServerOptions = {}): void {
  let debounceMs = options.debounceMs ?? 200;
  const documents = new TextDocuments(TextDocument);
  let workspaceFolders: string[] = [];
  let supportsConfiguration = false;
  let supportsWatchedFilesRegistration = false;
  let supportsCreateFile = false;
  let supportsProgress = false;
  let pushedSettings: Partial<BlahSecuritySettings> = {};
  const settingsCache = new Map<string, Promise<BlahSecuritySettings>>();
  const projectCache = new Map<string, Promise<{ parsed?: ProjectConfig; root?: string }>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const results = new Map<string, { version: number; result: AnalysisResult }>();
  const reportedRuleErrors = new Set<string>();
  /** Whether the client watches files for us; until it confirms, saves stand in for its events. */
  let watchingFiles = false;
  const refusedFeatures = new Set<string>();

  /**
   * A client request that failed (a refused registration, an unanswered progress request): the
   * server carries on without that feature and says so once. A client is free to refuse.
   */
  function clientRefused(feature: string, error: unknown, instead?: string): void {
    if (refusedFeatures.has(feature)) return;
    refusedFeatures.add(feature);
    const reason = error instanceof ResponseError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    connection.console.warn(`${feature} is not available from this client (${reason.slice(0, 200)}); carrying on without it${instead ? `: ${instead}` : ''}.`);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    supportsConfiguration = capabilities.workspace?.configuration === true;
    supportsWatchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsCreateFile = capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true && capabilities.workspace?.workspaceEdit?.documentChanges === true;
    supportsProgress = capabilities.window?.workDoneProgress === true;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri.replace(/\/$/, ''));
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri.replace(/\/$/, '')];
    const init = params.initializationOptions as { settings?: Partial<BlahSecuritySettings>; debounceMs?: number } | undefined;
    if (init?.settings) pushedSettings = init.settings;
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        completionProvider: { resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'blah-security-lsp' },
    };
  });

  connection.onInitialized(() => {
    if (supportsConfiguration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error: unknown) => clientRefused('Settings change notifications', error));
    }
    if (supportsWatchedFilesRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/.dockerignore' }, { globPattern: '**/*.dockerignore' }, ...(workspace ? WATCHED_GLOBS.map((globPattern) => ({ globPattern })) : [])],
        })
        .then(
          () => (watchingFiles = true),
          (error: unknown) => clientRefused('File watching', error, 'files changed on disk are picked up when a document is saved'),
        );
    }
    // The whole-workspace picture (checklist, cross-file decisions) starts building now, in the background.
    if (workspace && workspaceFolders.length > 0) void workspace.scan('all');
    if (workspaceFolders.length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri.replace(/\/$/, '')));
        workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri.replace(/\/$/, ''))];
        invalidateAll();
        void workspace?.scan('new');
      });
    }
  });

  function invalidateAll(): void {
    settingsCache.clear();
    projectCache.clear();
    workspace?.invalidateConfig();
    for (const document of documents.all()) schedule(document, 0);
  }

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as Record<string, Partial<BlahSecuritySettings>> | undefined)?.[SETTINGS_SECTION];
    if (pushed) pushedSettings = pushed;
    invalidateAll();
    // Severities and exclusions apply to every file: the workspace is analyzed again.
    void workspace?.scan('all');
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (change.changes.some((c) => c.uri.endsWith('/' + CONFIG_FILE_NAME))) {
      invalidateAll();
      void workspace?.scan('all');
      return;
    }
    if (workspace) {
      let created = false;
      for (const event of change.changes) {
        if (documents.get(event.uri) || !workspace.folderOf(event.uri)) continue;
        if (event.type === FileChangeType.Deleted) workspace.remove(event.uri);
        else if (workspace.isProjectFile(event.uri)) void workspace.projectFileChanged(event.uri);
        else if (event.type === FileChangeType.Created) created = true;
        else if (mayBeAnalyzed(uriPath(event.uri))) void reanalyzeFromDisk(event.uri);
      }
      // A new file may be ignored (.gitignore, files.exclude): the walk decides.
      if (created) void workspace.scan('new');
    }
    // A companion file (.dockerignore) changed: re-check the open files that read it.
    const folders = new Set(change.changes.filter((c) => c.uri.endsWith('.dockerignore')).map((c) => parentUri(c.uri)));
    for (const document of documents.all()) {
      if (folders.has(parentUri(document.uri)) && companionFiles(uriPath(document.uri), document.languageId, document.getText()).length > 0) schedule(document, 0);
    }
  });

  function folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const folder of workspaceFolders) if (isInside(uri, folder) && (!best || folder.length > best.length)) best = folder;
    return best;
  }

  function settingsFor(uri: string): Promise<BlahSecuritySettings> {
    const key = folderOf(uri) ?? '';
    let cached = settingsCache.get(key);
    if (!cached) {
      cached = (async () => {
        if (!supportsConfiguration) return { ...defaultSettings, ...pushedSettings };
        try {
          const value = (await connection.workspace.getConfiguration({ scopeUri: key || uri, section: SETTINGS_SECTION })) as Partial<BlahSecuritySettings> | null;
          return { ...defaultSettings, ...(value ?? {}) };
        } catch {
          return { ...defaultSettings, ...pushedSettings };
        }
      })();
      settingsCache.set(key, cached);
    }
    return cached;
  }

  async function readText(uri: string): Promise<string | undefined> {
    const open = documents.get(uri);
    if (open) return open.getText();
    try {
      return await host.readFile(uri);
    } catch {
      return undefined;
    }
  }

  /**
   * The .blah-security.json files that apply to a document: its folder's and those above it,
   * within its workspace folder, merged (up to one with `"root": true`). `root` is the folder
   * project paths are relative to: the outermost applying file's, else the workspace folder.
   */
  function projectConfigFor(uri: string): Promise<{ parsed?: ProjectConfig; root?: string }> {
    const folder = folderOf(uri);
    const start = parentUri(uri);
    let cached = projectCache.get(start);
    if (!cached) {
      cached = (async () => {
        const found: Array<{ dir: string; config: ProjectConfig }> = [];
        for (let dir = start; ; dir = parentUri(dir)) {
          const text = await readText(joinUri(dir, CONFIG_FILE_NAME));
          if (text !== undefined) {
            const config = parseProjectConfig(text, ruleIds).config;
            found.unshift({ dir, config });
            if (config.root) break;
          }
          // Inside a workspace folder, stop at its root; outside any, walk up to the file system root.
          if ((folder && (dir === folder || !isInside(dir, folder))) || parentUri(dir) === dir) break;
        }
        if (found.length === 0) return { root: folder };
        const root = found[0].dir;
        const parsed = mergeConfigLayers(found.map(({ dir, config }) => ({ base: dir === root ? '' : relativePath(root, dir), config })));
        return { root, ...(parsed ? { parsed } : {}) };
      })();
      projectCache.set(start, cached);
    }
    return cached;
  }

  /** Whether the project's `languages` patterns give the file a language its name does not. */
  async function mappedByProject(uri: string): Promise<boolean> {
    const project = await projectFor(uri);
    return project.config.languageOf(project.root && isInside(uri, project.root) ? relativePath(project.root, uri) : uriPath(uri)) !== undefined;
  }

  async function projectFor(uri: string): Promise<ProjectState & { settings: BlahSecuritySettings; parsed?: ProjectConfig }> {
    const [settings, project] = await Promise.all([settingsFor(uri), projectConfigFor(uri)]);
    const config = resolveConfig(project.parsed, { rules: settings.rules, maxFileSize: settings.maxFileSize });
    return { root: project.root ?? '', config, settings, ...(project.parsed ? { parsed: project.parsed } : {}) };
  }

  const analyzer: Analyzer = host.analyze ?? createInProcessAnalyzer();
  /** The in-flight analysis per document, aborted when a newer version is scheduled. */
  const inFlight = new Map<string, AbortController>();

  function jobFor(input: AnalyzeInput, project: { parsed?: ProjectConfig; settings: BlahSecuritySettings }, cacheKey?: string): AnalysisJob {
    return { input, ...(cacheKey ? { cacheKey } : { priority: 'background' as const }), ...(project.parsed ? { project: project.parsed } : {}), settings: { rules: project.settings.rules, maxFileSize: project.settings.maxFileSize } };
  }

  const workspace: WorkspaceService | undefined = host.readDirectory
    ? createWorkspaceService({
        folders: () => workspaceFolders,
        readDirectory: (uri) => host.readDirectory!(uri),
        readText,
        isOpen: (uri) => documents.get(uri) !== undefined,
        async analyzeFile(uri, _path, text) {
          const project = await projectFor(uri);
          if (!project.settings.enable) return { findings: [], facts: [], ruleErrors: [], skipped: 'BLAH Security is disabled for this folder' };
          return analyzer(jobFor(await analysisInput(uri, text, undefined, project.root), project));
        },
        async folderConfig(folder) {
          const project = await projectFor(joinUri(folder, CONFIG_FILE_NAME));
          let exclude: string[] = [];
          if (supportsConfiguration) {
            try {
              exclude = excludeGlobsToIgnoreLines((await connection.workspace.getConfiguration({ scopeUri: folder, section: 'files.exclude' })) as Record<string, unknown> | undefined);
            } catch {
              exclude = [];
            }
          }
          return { config: project.config, ...(project.parsed && project.root === folder ? { parsed: project.parsed } : {}), exclude, scan: project.settings.enable && project.settings.workspaceScan !== false };
        },
        parseConfig: (text) => parseProjectConfig(text, ruleIds).config,
        publish: publishDecided,
        checklistChanged: (payload) => void connection.sendNotification(CHECKLIST_CHANGED_NOTIFICATION, payload),
        async progress() {
          const none = { report: () => undefined, done: () => undefined };
          if (!supportsProgress || refusedFeatures.has('Progress reports')) return none;
          try {
            const reporter = await connection.window.createWorkDoneProgress();
            reporter.begin('BLAH Security', 0, 'Scanning the workspace', false);
            return { report: (message, percentage) => reporter.report(percentage, message), done: () => reporter.done() };
          } catch (error) {
            clientRefused('Progress reports', error);
            return none;
          }
        },
        log: (message) => connection.console.log(message),
      })
    : undefined;

  /** Publishes what the workspace decided for a file (open documents: only for their current analysis). */
  function publishDecided(uri: string, findings: readonly Finding[]): void {
    const document = documents.get(uri);
    if (document && (results.has(uri) || languageOf(uriPath(uri), document.languageId, document.getText()))) {
      const entry = results.get(uri);
      if (!entry || entry.version !== document.version) return; // its own analysis will publish
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [...findingsToDiagnostics(findings, document.version), ...skippedNotice(entry.result)] });
      return;
    }
    void connection.sendDiagnostics({ uri, ...(document ? { version: document.version } : {}), diagnostics: findingsToDiagnostics(findings, document?.version ?? -1) });
  }

  /** Analyzes a file that is not open, from disk, and publishes the outcome. */
  async function reanalyzeFromDisk(uri: string): Promise<void> {
    if (!workspace) return;
    const text = await readText(uri);
    if (text === undefined || documents.get(uri)) {
      if (text === undefined) workspace.remove(uri);
      return;
    }
    const project = await projectFor(uri);
    if (!project.settings.enable || documents.get(uri)) return;
    const result = await analyzer(jobFor(await analysisInput(uri, text, undefined, project.root), project));
    if (documents.get(uri)) return;
    publishDecided(uri, workspace.update(uri, result));
  }

  function skippedNotice(result: AnalysisResult): Diagnostic[] {
    if (!result.skipped || result.skipped === 'not a supported file type' || result.skipped === 'ignored by the project configuration') return [];
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        message: `BLAH Security did not analyze this file: ${result.skipped}.`,
      },
    ];
  }

  connection.onRequest(CHECKLIST_REQUEST, async (): Promise<ChecklistPayload> => {
    if (!workspace) return { items: [], analyzedFiles: 0, scanning: false };
    return workspace.checklist();
  });

  connection.onRequest(SCAN_WORKSPACE_REQUEST, async (): Promise<ScanWorkspaceResult> => {
    if (!workspace) return { files: 0 };
    const files = await workspace.scan('all');
    await workspace.checklist();
    return { files };
  });

  function schedule(document: TextDocument, delay: number): void {
    // A newer version makes any analysis still running for this document stale.
    inFlight.get(document.uri)?.abort();
    const existing = timers.get(document.uri);
    if (existing) clearTimeout(existing);
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        void validate(document.uri);
      }, delay),
    );
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    if (uri.endsWith('/' + CONFIG_FILE_NAME)) {
      validateConfigDocument(document);
      return;
    }
    if (!languageOf(uriPath(uri), document.languageId, document.getText()) && !(await mappedByProject(uri))) {
      // A project file open in the editor (.env, package.json): its text feeds workspace rules.
      if (workspace?.isProjectFile(uri) && workspace.folderOf(uri)) {
        await workspace.projectFileChanged(uri);
        publishDecided(uri, workspace.decided(uri));
      } else {
        // Not a file of ours after all (a *.conf of another format): nothing to show, nothing stale.
        results.delete(uri);
        void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      }
      return;
    }
    const version = document.version;
    const project = await projectFor(uri);
    // A newer version arrived while settings were read: its own run will publish.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    if (!project.settings.enable) {
      results.delete(uri);
      void connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    const input = await analysisInput(current.uri, current.getText(), current.languageId, project.root);
    // Reading companion files is asynchronous: drop the run if the document moved on meanwhile.
    if (documents.get(uri)?.version !== version) return;
    const controller = new AbortController();
    inFlight.get(uri)?.abort();
    inFlight.set(uri, controller);
    const result = await analyzer(jobFor(input, project, uri), controller.signal);
    if (inFlight.get(uri) === controller) inFlight.delete(uri);
    if (documents.get(uri)?.version !== version) return;
    results.set(uri, { version, result });
    for (const error of result.ruleErrors) {
      if (reportedRuleErrors.has(error.ruleId)) continue;
      reportedRuleErrors.add(error.ruleId);
      connection.console.error(`Rule ${error.ruleId} failed and was skipped (reported once): ${error.message}`);
    }
    // Findings another file answers (helmet in app.ts) are decided against the workspace's facts.
    const findings = workspace ? workspace.update(uri, result) : result.findings;
    const diagnostics = [...findingsToDiagnostics(findings, version), ...skippedNotice(result)];
    void connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** What the engine needs for a file: its project-relative path, text and companion files. */
  async function analysisInput(uri: string, text: string, languageId: string | undefined, root: string): Promise<AnalyzeInput> {
    const path = root && isInside(uri, root) ? relativePath(root, uri) : uriPath(uri);
    const input: AnalyzeInput = { path, location: uriPath(uri), text, ...(languageId ? { languageId } : {}) };
    const names = companionFiles(uriPath(uri), languageId, text);
    if (names.length > 0) {
      const folder = parentUri(uri);
      const texts = await Promise.all(names.map((name) => readText(joinUri(folder, name))));
      input.companions = Object.fromEntries(names.map((name, i) => [name, texts[i] ?? null]));
    }
    return input;
  }

  function validateConfigDocument(document: TextDocument): void {
    const text = document.getText();
    const { problems } = parseProjectConfig(text, ruleIds);
    const lines = new LineIndex(text);
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: lines.rangeOf(p.start, p.end),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      message: p.message,
    }));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  // TextDocuments fires onDidChangeContent right after onDidOpen; that one is not an edit.
  const justOpened = new Set<string>();

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    schedule(event.document, 0);
  });

  documents.onDidChangeContent((event) => {
    if (justOpened.delete(event.document.uri)) return;
    if (event.document.uri.endsWith('/' + CONFIG_FILE_NAME)) {
      projectCache.clear();
      schedule(event.document, debounceMs);
      for (const other of documents.all()) if (other.uri !== event.document.uri) schedule(other, debounceMs);
      return;
    }
    schedule(event.document, debounceMs);
  });

  // Without the client's file watching, a save is the moment files may have changed on disk
  // (a build, a checkout, another editor): the workspace looks again, re-reading only what changed.
  let saveRescan: ReturnType<typeof setTimeout> | undefined;
  documents.onDidSave(() => {
    if (watchingFiles || !workspace) return;
    if (saveRescan) clearTimeout(saveRescan);
    saveRescan = setTimeout(() => {
      saveRescan = undefined;
      projectCache.clear();
      workspace.invalidateConfig();
      for (const document of documents.all()) if (companionFiles(uriPath(document.uri), document.languageId, document.getText()).length > 0) schedule(document, 0);
      void workspace.scan('changed');
    }, 500);
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    const analyzed = results.get(uri)?.result.language !== undefined;
    results.delete(uri);
    inFlight.get(uri)?.abort();
    if (uri.endsWith('/' + CONFIG_FILE_NAME)) projectCache.clear();
    // In a workspace folder the file stays part of the project: its saved text counts from now on.
    if (workspace?.folderOf(uri)) {
      if (workspace.isProjectFile(uri)) void workspace.projectFileChanged(uri);
      else if (analyzed) {
        void connection.sendDiagnostics({ uri, diagnostics: [] });
        void reanalyzeFromDisk(uri);
      }
      return;
    }
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params: CodeActionParams, token): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const cancelled = (): boolean => token.isCancellationRequested;
    const only = params.context.only;
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind) || kind === CodeActionKind.Source) ?? false;
    const wantsQuickFixes = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    const actions: CodeAction[] = [];
    const disableActions = new Map<string, Promise<CodeAction | undefined>>();
    if (wantsQuickFixes) {
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
        const data = diagnostic.data as DiagnosticData | undefined;
        if (data && data.version === document.version) {
          for (const [index, fix] of data.fixes.entries()) {
            const edit = await fixToWorkspaceEdit(document, fix);
            if (!edit) continue;
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: index === 0, edit });
          }
        }
        actions.push(ignoreLineAction(document, diagnostic));
        // One "disable for this project" per rule, however many of its diagnostics are in range.
        const firstForRule = !disableActions.has(diagnostic.code);
        if (firstForRule) disableActions.set(diagnostic.code, disableRuleAction(document, diagnostic.code));
        const disable = await disableActions.get(diagnostic.code);
        if (disable && firstForRule) actions.push(disable);
        if (cancelled()) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The code action request was cancelled.');
      }
    }
    if (wantsFixAll || (!only && actions.length > 0)) {
      const fixAll = await fixAllAction(document);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  async function fixToWorkspaceEdit(document: TextDocument, fix: Fix): Promise<WorkspaceEdit | undefined> {
    const own = TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version), fix.edits.map(toLspEdit));
    const append = fix.appendToFile;
    if (!append) return { documentChanges: [own] };
    const base = append.relativeTo === 'file' ? parentUri(document.uri) : ((await projectConfigFor(document.uri)).root ?? folderOf(document.uri) ?? parentUri(document.uri));
    const targetUri = joinUri(base, append.path);
    const existing = await readText(targetUri);
    const missing = linesToAppend(existing, append);
    if (missing.length === 0) return { documentChanges: [own] };
    if (existing === undefined) {
      if (!supportsCreateFile) return undefined;
      const created = TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(targetUri, null), [LspTextEdit.insert({ line: 0, character: 0 }, missing.join('\n') + '\n')]);
      return { documentChanges: [own, CreateFile.create(targetUri, { ignoreIfExists: true }), created] };
    }
    const lines = new LineIndex(existing);
    const end = lines.positionAt(existing.length);
    const prefix = existing.length > 0 && !/\r?\n$/.test(existing) ? lines.eol : '';
    const appended = TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(targetUri, null), [LspTextEdit.insert(end, prefix + missing.join(lines.eol) + lines.eol)]);
    return { documentChanges: [own, appended] };
  }

  function ignoreLineAction(document: TextDocument, diagnostic: Diagnostic): CodeAction {
    const ruleId = String(diagnostic.code);
    const lines = new LineIndex(document.getText());
    const line = diagnostic.range.start.line;
    const indentation = lines.indentation(line);
    const previous = line > 0 ? lines.lineText(line - 1) : '';
    const existing = new RegExp(`^(\\s*(?://|#)\\s*${IGNORE_NEXT_LINE}\\s+)([^\\n]*?)(\\s+--.*)?$`).exec(previous);
    let edit: LspTextEdit;
    if (existing && !existing[2].split(/[\s,]+/).includes(ruleId)) {
      const at = existing[1].length + existing[2].length;
      edit = LspTextEdit.insert({ line: line - 1, character: at }, `, ${ruleId}`);
    } else {
      edit = LspTextEdit.insert({ line, character: 0 }, `${indentation}${commentPrefix(document)} ${IGNORE_NEXT_LINE} ${ruleId}${lines.eol}`);
    }
    return {
      title: `Ignore ${ruleId} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [edit] } },
    };
  }

  async function disableRuleAction(document: TextDocument, ruleId: string): Promise<CodeAction | undefined> {
    const project = await projectConfigFor(document.uri);
    const root = project.root ?? folderOf(document.uri);
    if (!root) return undefined;
    const configUri = joinUri(root, CONFIG_FILE_NAME);
    const existing = await readText(configUri);
    const formatting = { insertSpaces: true, tabSize: 2, eol: '\n' };
    const title = `Disable ${ruleId} for this project`;
    if (existing === undefined) {
      if (!supportsCreateFile) return undefined;
      const content = JSON.stringify({ rules: { [ruleId]: 'off' } }, null, 2) + '\n';
      return {
        title,
        kind: CodeActionKind.QuickFix,
        edit: { documentChanges: [CreateFile.create(configUri, { ignoreIfExists: true }), TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(configUri, null), [LspTextEdit.insert({ line: 0, character: 0 }, content)])] },
      };
    }
    let jsonEdits;
    try {
      jsonEdits = modify(existing, ['rules', ruleId], 'off', { formattingOptions: formatting });
    } catch {
      return undefined; // a config file too broken to edit safely
    }
    if (jsonEdits.length === 0) return undefined;
    const lines = new LineIndex(existing);
    const edits = jsonEdits.map((e) => LspTextEdit.replace(lines.rangeOf(e.offset, e.offset + e.length), e.content));
    return { title, kind: CodeActionKind.QuickFix, edit: { changes: { [configUri]: edits } } };
  }

  async function fixAllAction(document: TextDocument): Promise<CodeAction | undefined> {
    let entry = results.get(document.uri);
    if (!entry || entry.version !== document.version) {
      const project = await projectFor(document.uri);
      if (!project.settings.enable) return undefined;
      entry = { version: document.version, result: await analyzer(jobFor(await analysisInput(document.uri, document.getText(), document.languageId, project.root), project, document.uri)) };
    }
    const safeFixes = entry.result.findings.map((f) => f.fixes.find((fix) => fix.kind === 'fix')).filter((fix): fix is Fix => fix !== undefined);
    if (safeFixes.length === 0) return undefined;
    const edits = combineFixes(safeFixes);
    return {
      title: 'Fix all safely fixable BLAH Security problems',
      kind: FIX_ALL_KIND,
      edit: { documentChanges: [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version), edits.map(toLspEdit))] },
    };
  }

  connection.onHover((params: HoverParams): Hover | null => {
    const entry = results.get(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const hits = entry && entry.version === document.version ? entry.result.findings.filter((f) => rangeContains(f.range, params.position)) : [];
    const reference = isNginxDocument(document) ? nginxHover(document.getText(), document.offsetAt(params.position)) : undefined;
    if (hits.length === 0) {
      if (!reference) return null;
      return { contents: { kind: MarkupKind.Markdown, value: reference.markdown }, range: { start: document.positionAt(reference.start), end: document.positionAt(reference.end) } };
    }
    const sections = hits.map((finding) => {
      const rule = ruleById(finding.ruleId);
      if (!rule) return finding.message;
      return [
        `**${rule.meta.title}** · \`${rule.id}\` · ${finding.severity}`,
        '',
        finding.message,
        '',
        `**Why:** ${rule.meta.description}`,
        '',
        `**Fix:** ${rule.meta.remedy}`,
        '',
        `Guide: *${rule.meta.guideSection}* · [Rule documentation](${docsUrl(rule)})`,
      ].join('\n');
    });
    if (reference) sections.push(reference.markdown);
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: hits[0].range };
  });

  function isNginxDocument(document: TextDocument): boolean {
    return results.get(document.uri)?.result.language === 'nginx' || languageOf(uriPath(document.uri), document.languageId, document.getText()) === 'nginx';
  }

  connection.onCompletion((params: CompletionParams): CompletionItem[] => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !isNginxDocument(document)) return [];
    const offset = document.offsetAt(params.position);
    const { items, start } = nginxCompletions(document.getText(), offset);
    const range = { start: document.positionAt(start), end: params.position };
    return items.map((item) => ({
      label: item.name,
      kind: item.isBlock ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: item.module,
      textEdit: { range, newText: item.name },
      data: { nginxDirective: item.name },
    }));
  });

  connection.onCompletionResolve((item: CompletionItem): CompletionItem => {
    const name = (item.data as { nginxDirective?: string } | undefined)?.nginxDirective;
    if (name) {
      const entries = directiveEntries(name);
      if (entries.length > 0) item.documentation = { kind: MarkupKind.Markdown, value: directiveDocs(entries) };
    }
    return item;
  });

  documents.listen(connection);
  connection.listen();
}

function toLspEdit(edit: TextEdit): LspTextEdit {
  return { range: edit.range, newText: edit.newText };
}

function commentPrefix(document: TextDocument): string {
  return document.languageId === 'dockerfile' || document.languageId === 'nginx' ? '#' : '//';
}
