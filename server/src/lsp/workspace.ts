// The workspace feature: the background scan of every workspace folder (workspaceService.ts)
// wired to the client: its file watching (or, without it, saves), folder and configuration
// changes, the checklist and scan requests, and progress reports.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver';
import { CONFIG_FILE_NAME, parseProjectConfig } from '../core/config';
import { adapters } from '../engine/adapters';
import { mayBeAnalyzed } from '../engine/detect';
import type { Analyzer } from '../host/analysisJob';
import { ruleIds } from '../rules';
import {
  CHECKLIST_CHANGED_NOTIFICATION,
  CHECKLIST_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  SETTINGS_SECTION,
  type BlahSecuritySettings,
  type ChecklistPayload,
  type ScanWorkspaceResult,
} from '../protocol';
import type { ServerContext } from './context';
import type { Diagnostics } from './diagnostics';
import { logStartup } from './info';
import { excludeLines, type Projects } from './projects';
import { joinUri, parentUri, uriPath } from './uris';
import { createWorkspaceService, type WorkspaceService } from './workspaceService';

/**
 * Files whose changes on disk the workspace analysis follows: each language's own (its adapter
 * says), and the project files workspace rules read. Brace groups hold plain names only (`{a,b}`,
 * never `{*.a,b}`): the LSP glob allows patterns there, but not every client parses them (Eglot
 * 1.9 refuses the whole registration over one).
 */
const WATCHED_GLOBS = [
  ...adapters.flatMap((adapter) => adapter.watchGlobs),
  '**/.gitignore',
  '**/.env',
  '**/.env.*',
  '**/*.env',
  '**/{package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,bun.lock,bun.lockb}',
  '**/*.{pem,key}',
  '**/{id_rsa,id_dsa,id_ecdsa,id_ed25519}',
  '**/.github/**/*.{yml,yaml}',
  '**/{.gitlab-ci.yml,azure-pipelines.yml,bitbucket-pipelines.yml,Jenkinsfile,.travis.yml,renovate.json,renovate.json5,.renovaterc,.renovaterc.json}',
];

/** Companion files of the analysis (read beside a Dockerfile) and the configuration: watched even without a workspace scan. */
const ALWAYS_WATCHED = [`**/${CONFIG_FILE_NAME}`, '**/.dockerignore', '**/*.dockerignore'];

export function createWorkspaceFeature(
  ctx: ServerContext,
  projects: Projects,
  diagnostics: Diagnostics,
  analyzer: Analyzer,
): WorkspaceService | undefined {
  const { connection, documents, host } = ctx;
  const readDirectory = host.readDirectory?.bind(host);
  const workspace: WorkspaceService | undefined = readDirectory
    ? createWorkspaceService({
        folders: () => ctx.workspaceFolders,
        readDirectory,
        readText: (uri) => ctx.readText(uri),
        isOpen: (uri) => documents.get(uri) !== undefined,
        async analyzeFile(uri, _path, text) {
          const project = await projects.projectFor(uri);
          if (!project.settings.enable)
            return { findings: [], facts: [], ruleErrors: [], skipped: 'BLAH Security is disabled for this folder' };
          const result = await analyzer(
            projects.job(await projects.input(uri, text, undefined, project.root), project),
          );
          diagnostics.reportRuleErrors(result);
          return result;
        },
        async folderConfig(folder) {
          const project = await projects.projectFor(joinUri(folder, CONFIG_FILE_NAME));
          // The editor's files.exclude and the blahSecurity.exclude setting, both relative to the folder.
          const exclude = [...(await projects.filesExclude(folder)), ...excludeLines(project.settings.exclude)];
          return {
            config: project.config,
            ...(project.parsed && project.root === folder ? { parsed: project.parsed } : {}),
            exclude,
            scan: project.settings.enable && project.settings.workspaceScan !== false,
          };
        },
        parseConfig: (text) => parseProjectConfig(text, ruleIds).config,
        publish: (uri, findings) => diagnostics.publishDecided(uri, findings),
        checklistChanged: (payload) => void connection.sendNotification(CHECKLIST_CHANGED_NOTIFICATION, payload),
        async progress() {
          const none = { report: () => undefined, done: () => undefined };
          if (!ctx.client.progress || ctx.hasRefused('Progress reports')) return none;
          try {
            const reporter = await connection.window.createWorkDoneProgress();
            reporter.begin('BLAH Security', 0, 'Scanning the workspace', false);
            return {
              report: (message, percentage) => reporter.report(percentage, message),
              done: () => reporter.done(),
            };
          } catch (error) {
            ctx.refused('Progress reports', error);
            return none;
          }
        },
        log: (message) => connection.console.log(message),
      })
    : undefined;
  diagnostics.workspace = workspace;

  /** Whether the client watches files for us; until it confirms, saves stand in for its events. */
  let watchingFiles = false;

  function invalidateAll(): void {
    projects.invalidate();
    workspace?.invalidateConfig();
    diagnostics.scheduleAll(0);
  }

  connection.onInitialized(() => {
    logStartup(ctx, projects);
    // Only a client that says it takes this registration gets it (Eglot 1.9 warns the user about
    // one it does not know); every client sends the notification anyway, registered or not.
    if (ctx.client.configuration && ctx.client.configurationRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error: unknown) => ctx.refused('Settings change notifications', error));
    }
    if (ctx.client.watchedFilesRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [...ALWAYS_WATCHED, ...(workspace ? WATCHED_GLOBS : [])].map((globPattern) => ({ globPattern })),
        })
        .then(
          () => (watchingFiles = true),
          (error: unknown) =>
            ctx.refused('File watching', error, 'files changed on disk are picked up when a document is saved'),
        );
    }
    // The whole-workspace picture (checklist, cross-file decisions) starts building now, in the background.
    if (workspace && ctx.workspaceFolders.length > 0) void workspace.scan('all');
    if (ctx.workspaceFolders.length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri.replace(/\/$/, '')));
        ctx.workspaceFolders = [
          ...ctx.workspaceFolders.filter((f) => !removed.has(f)),
          ...event.added.map((f) => f.uri.replace(/\/$/, '')),
        ];
        invalidateAll();
        void workspace?.scan('new');
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as Record<string, Partial<BlahSecuritySettings>> | undefined)?.[SETTINGS_SECTION];
    if (pushed) projects.push(pushed);
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
        else if (mayBeAnalyzed(uriPath(event.uri))) void diagnostics.reanalyzeFromDisk(event.uri);
      }
      // A new file may be ignored (.gitignore, files.exclude): the walk decides.
      if (created) void workspace.scan('new');
    }
    // A companion file (.dockerignore) changed: re-check the open files that read it.
    diagnostics.scheduleCompanionReaders(
      new Set(change.changes.filter((c) => c.uri.endsWith('.dockerignore')).map((c) => parentUri(c.uri))),
    );
    // Any other file an open document reads beside it (an nginx snippet it includes).
    diagnostics.scheduleReadersOf(new Set(change.changes.map((c) => c.uri)), 0);
  });

  // Without the client's file watching, a save is the moment files may have changed on disk
  // (a build, a checkout, another editor): the workspace looks again, re-reading only what changed.
  let saveRescan: ReturnType<typeof setTimeout> | undefined;
  documents.onDidSave(() => {
    if (watchingFiles || !workspace) return;
    if (saveRescan) clearTimeout(saveRescan);
    saveRescan = setTimeout(() => {
      saveRescan = undefined;
      projects.invalidateConfigFiles();
      workspace.invalidateConfig();
      diagnostics.scheduleCompanionReaders();
      void workspace.scan('changed');
    }, 500);
  });

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

  return workspace;
}
