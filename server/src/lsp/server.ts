// The language server: documents in, diagnostics, code actions and hovers out. Runtime-agnostic:
// the node and browser entries wire a connection and a host that reads files. This file is the
// facade: `initialize`, the document lifecycle, and one module per feature beside it
// (projects: settings and configuration; diagnostics: scheduling and the one publisher;
// codeActions; hover; completion; workspace: the background scan and file watching).
import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/config';
import { createInProcessAnalyzer } from '../host/analysisJob';
import { FIX_ALL_KIND, RULES_REQUEST, SHOW_DOCUMENTATION_COMMAND, type BlahSecuritySettings } from '../protocol';
import { registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import { ServerContext, type ServerHost, type ServerOptions } from './context';
import { Diagnostics } from './diagnostics';
import { registerHover } from './hover';
import { ruleSummaries, SERVER_NAME, SERVER_VERSION } from './info';
import { Projects } from './projects';
import { createWorkspaceFeature } from './workspace';

export function startServer(connection: Connection, host: ServerHost, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const ctx = new ServerContext(connection, documents, host, options);
  const projects = new Projects(ctx);
  const analyzer = host.analyze ?? createInProcessAnalyzer();
  const diagnostics = new Diagnostics(ctx, projects, analyzer);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    ctx.client.configuration = capabilities.workspace?.configuration === true;
    ctx.client.configurationRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    ctx.client.watchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    ctx.client.createFile =
      capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true &&
      capabilities.workspace?.workspaceEdit?.documentChanges === true;
    ctx.client.progress = capabilities.window?.workDoneProgress === true;
    ctx.client.showDocument = capabilities.window?.showDocument?.support === true;
    ctx.client.snippetEdits =
      capabilities.workspace?.workspaceEdit?.snippetEditSupport === true &&
      capabilities.workspace?.workspaceEdit?.documentChanges === true;
    ctx.workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri.replace(/\/$/, ''));
    if (ctx.workspaceFolders.length === 0 && params.rootUri) ctx.workspaceFolders = [params.rootUri.replace(/\/$/, '')];
    const init = params.initializationOptions as
      | {
          settings?: Partial<BlahSecuritySettings>;
          debounceMs?: number;
          docsBaseUrl?: unknown;
          replaceRuleSetting?: unknown;
        }
      | undefined;
    ctx.client.replaceRuleSetting = init?.replaceRuleSetting === true;
    if (init?.settings) projects.push(init.settings);
    // Where the client keeps the rule pages (the VS Code extension's own folder, a mirror).
    if (typeof init?.docsBaseUrl === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(init.docsBaseUrl))
      ctx.docsBase = init.docsBaseUrl.replace(/\/?$/, '/');
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) ctx.debounceMs = init.debounceMs;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
        completionProvider: { resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onRequest(RULES_REQUEST, () => ruleSummaries());

  const workspace = createWorkspaceFeature(ctx, projects, diagnostics, analyzer);
  registerCodeActions(ctx, projects, diagnostics);
  registerHover(ctx, diagnostics);
  registerCompletion(ctx, diagnostics);

  // TextDocuments fires onDidChangeContent right after onDidOpen; that one is not an edit.
  const justOpened = new Set<string>();

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    diagnostics.schedule(event.document, 0);
  });

  documents.onDidChangeContent((event) => {
    if (justOpened.delete(event.document.uri)) return;
    void onEdit(event.document);
  });

  // With `run: onSave`, as eslint.run, an open document is analyzed when opened and when saved.
  documents.onDidSave((event) => {
    void projects.settingsFor(event.document.uri).then((settings) => {
      if (settings.run === 'onSave') diagnostics.schedule(event.document, 0);
    });
  });

  async function onEdit(document: TextDocument): Promise<void> {
    const event = { document };
    if (event.document.uri.endsWith('/' + CONFIG_FILE_NAME)) {
      // An edited configuration applies to every open document.
      projects.invalidateConfigFiles();
      diagnostics.schedule(event.document, ctx.debounceMs);
      diagnostics.scheduleAll(ctx.debounceMs, event.document.uri);
      return;
    }
    if ((await projects.settingsFor(event.document.uri)).run === 'onSave') return;
    // The document may have moved on (or closed) while settings were read: its own edit schedules.
    if (ctx.documents.get(event.document.uri)?.version !== event.document.version) return;
    diagnostics.schedule(event.document, ctx.debounceMs);
    // An included snippet (or the nginx.conf including this file) decides other open files' findings.
    diagnostics.scheduleReadersOfEdited(event.document.uri, ctx.debounceMs * 2 + 50);
  }

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const analyzed = diagnostics.forget(uri);
    if (uri.endsWith('/' + CONFIG_FILE_NAME)) projects.invalidateConfigFiles();
    // In a workspace folder the file stays part of the project: its saved text counts from now on.
    if (workspace?.folderOf(uri)) {
      if (workspace.isProjectFile(uri)) void workspace.projectFileChanged(uri);
      else if (analyzed) {
        diagnostics.publish(uri, []);
        void diagnostics.reanalyzeFromDisk(uri);
      }
      return;
    }
    diagnostics.publish(uri, []);
  });

  documents.listen(connection);
  connection.listen();
}
