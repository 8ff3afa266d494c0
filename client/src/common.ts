// What the desktop and the web client share: document selection, the checklist view, the status
// bar, the commands, and the file access the server asks for. Each entry only creates the client.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  ANALYZED_LANGUAGE_IDS,
  CHECKLIST_CHANGED_NOTIFICATION,
  CHECKLIST_REQUEST,
  DIAGNOSTIC_SOURCE,
  READ_DIRECTORY_REQUEST,
  READ_FILE_REQUEST,
  FIX_ALL_KIND,
  REPLACE_RULE_SETTING_REQUEST,
  RULES_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  SETTINGS_SECTION,
  SHOW_DOCUMENTATION_COMMAND,
  type RuleSummary,
} from '../../server/src/protocol';
import { ChecklistProvider, TICKABLE_ITEM } from './checklistView';
import { previewOpenedRulePages, showRuleDocumentation } from './ruleDocumentation';

let client: BaseLanguageClient | undefined;

/** The status bar's text: failed items first, else rules turned off, else how many items passed. */
export function statusText(failed: number, passed: number, rulesOff: string | undefined): string {
  if (failed > 0) return `${DIAGNOSTIC_SOURCE}: ${failed} failed`;
  if (rulesOff) return `${DIAGNOSTIC_SOURCE}: ${rulesOff}`;
  return `${DIAGNOSTIC_SOURCE}: ${passed} passed`;
}

const severityIcon: Record<RuleSummary['severity'], string> = {
  error: '$(error)',
  warning: '$(warning)',
  info: '$(info)',
};

/**
 * Runs the fix-all code action (`source.fixAll.blahSecurity`) of a document and applies it, as
 * editor.codeActionsOnSave would; says so when there is nothing to fix.
 */
async function fixAll(document: vscode.TextDocument): Promise<void> {
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND,
    )) ?? [];
  const ours = actions.filter(
    (action): action is vscode.CodeAction =>
      'kind' in action &&
      action.kind !== undefined &&
      vscode.CodeActionKind.Empty.append(FIX_ALL_KIND).contains(action.kind),
  );
  let applied = false;
  for (const action of ours) {
    if (action.edit && action.edit.size > 0) applied = (await vscode.workspace.applyEdit(action.edit)) || applied;
    if (action.command)
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  if (!applied) void vscode.window.showInformationMessage(`${DIAGNOSTIC_SOURCE}: no safe fixes in this file.`);
}

/** Project files the server reads for workspace rules; synchronized so their edits count at once. */
const projectFilePatterns = '**/{.env,.env.*,*.env,package.json,.gitignore}';

/** What the extension hands to other extensions (and to its own tests): the checklist as shown. */
export interface BlahSecurityApi {
  checklist: ChecklistProvider;
  /** Resolves once the checklist has been drawn from the server's first answer. */
  checklistReady: Promise<void>;
}

/**
 * Starts the client `create` makes and wires the views and commands. `schemes` are the URI schemes
 * of workspace files: `file` on the desktop, any in the browser (vscode.dev serves virtual ones).
 */
export async function activateWith(
  context: vscode.ExtensionContext,
  create: (clientOptions: LanguageClientOptions) => BaseLanguageClient,
  schemes: readonly string[] | 'any',
): Promise<BlahSecurityApi> {
  const inScheme = <T extends object>(selector: T): Array<T & { scheme?: string }> =>
    schemes === 'any' ? [selector] : schemes.map((scheme) => ({ ...selector, scheme }));
  const outputChannel = vscode.window.createOutputChannel(DIAGNOSTIC_SOURCE, { log: true });
  context.subscriptions.push(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...ANALYZED_LANGUAGE_IDS.flatMap((language) => [...inScheme({ language }), { scheme: 'untitled', language }]),
      ...inScheme({
        // Dockerfile, Dockerfile.prod, Dockerfile-dev, Dockerfile_prod, Containerfile*, *.Dockerfile
        // (the server's adapter decides, and skips Dockerfile.md and templates).
        pattern: '**/{Dockerfile*,Containerfile*,dockerfile*,containerfile*,*.Dockerfile,*.Containerfile,*.dockerfile}',
      }),
      // Files that may be nginx whatever language the editor gave them (VS Code reads *.conf as
      // properties): the server decides by content and stays quiet on other formats.
      ...inScheme({
        pattern:
          '**/*.{conf,conf.template,conf.tmpl,conf.tpl,conf.sample,conf.example,conf.dist,conf.default,conf.in,conf.orig}',
      }),
      ...inScheme({ pattern: '**/{sites-available,sites-enabled,vhost.d,conf.d,snippets,nginx}/*' }),
      ...inScheme({ pattern: '**/.blah-security.json' }),
      // MCP client configurations (the editor calls them json/jsonc, like every JSON file).
      ...inScheme({ pattern: '**/{mcp.json,.mcp.json,claude_desktop_config.json}' }),
      ...inScheme({ pattern: '**/{.vscode,.gemini}/settings.json' }),
      ...inScheme({ pattern: projectFilePatterns }),
    ],
    synchronize: {
      // Files the server reads besides open documents: the project config and .dockerignore.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.blah-security.json'),
        vscode.workspace.createFileSystemWatcher('**/{.dockerignore,*.dockerignore}'),
      ],
    },
    diagnosticCollectionName: 'blahSecurity',
    // One channel for the extension's life: a restarted server logs where the last one did.
    outputChannel,
    // Diagnostics link to the rule pages this extension ships (a `file:` URI on the desktop).
    initializationOptions: { docsBaseUrl: context.extensionUri.toString() + '/', replaceRuleSetting: true },
    middleware: {
      // "Show documentation for <rule>" opens the packaged page in a preview, here, not via the server.
      executeCommand: async (command, args, next) => {
        const [argument] = args as Array<{ ruleId?: unknown } | undefined>;
        if (
          command === SHOW_DOCUMENTATION_COMMAND &&
          (await showRuleDocumentation(context.extensionUri, argument?.ruleId))
        )
          return undefined;
        return next(command, args);
      },
    },
  };
  const checklist = new ChecklistProvider(context.workspaceState);
  /** Answers the server's requests; each client (a restart makes a new one) is wired the same way. */
  const wire = (c: BaseLanguageClient): BaseLanguageClient => {
    // The server reads files beyond open documents (.gitignore, .dockerignore, included nginx files,
    // the workspace scan) through the editor's file system: the same path on the desktop and the web.
    c.onRequest(READ_FILE_REQUEST, async ({ uri }) => {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
      } catch {
        return null;
      }
    });
    // "Did you mean" for a rule id of blahSecurity.rules: renamed where it is set (user, workspace, folder).
    c.onRequest(REPLACE_RULE_SETTING_REQUEST, async ({ scopeUri, from, to }) => {
      const config = vscode.workspace.getConfiguration(
        SETTINGS_SECTION,
        scopeUri ? vscode.Uri.parse(scopeUri) : undefined,
      );
      const inspected = config.inspect<Record<string, unknown>>('rules');
      const levels: Array<[Record<string, unknown> | undefined, vscode.ConfigurationTarget]> = [
        [inspected?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
        [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
        [inspected?.globalValue, vscode.ConfigurationTarget.Global],
      ];
      let replaced = false;
      for (const [value, target] of levels) {
        if (typeof value !== 'object' || value === null || !Object.hasOwn(value, from)) continue;
        const renamed = Object.fromEntries(
          Object.entries(value).map(([id, severity]) => [id === from ? to : id, severity]),
        );
        await config.update('rules', renamed, target);
        replaced = true;
      }
      return replaced;
    });
    c.onRequest(READ_DIRECTORY_REQUEST, async ({ uri }) => {
      try {
        const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri));
        return entries.map(([name, type]) => ({
          name,
          type:
            type & vscode.FileType.SymbolicLink
              ? 'symlink'
              : type === vscode.FileType.Directory
                ? 'directory'
                : type === vscode.FileType.File
                  ? 'file'
                  : 'other',
        }));
      } catch {
        return null;
      }
    });

    c.onNotification(CHECKLIST_CHANGED_NOTIFICATION, (payload) => checklist.update(payload));
    return c;
  };
  client = wire(create(clientOptions));
  const view = vscode.window.createTreeView('blahSecurity.checklist', {
    treeDataProvider: checklist,
    showCollapseAll: true,
  });
  const status = vscode.window.createStatusBarItem('blahSecurity.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'BLAH Security checklist';
  status.command = 'blahSecurity.checklist.focus';
  const showStatus = (): void => {
    if (checklist.items.length === 0) {
      status.hide();
      return;
    }
    const failed = checklist.failedCount();
    const off = checklist.rulesOffText;
    const passed = checklist.items.filter((item) => checklist.statusOf(item) === 'passed').length;
    // A checklist with rules off has not passed: it was not fully checked.
    status.text = statusText(failed, passed, off);
    status.tooltip = `BLAH Security checklist: ${failed} of ${checklist.items.length} items failed. Click to open the checklist.`;
    status.backgroundColor = failed > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    status.show();
  };
  context.subscriptions.push(
    view,
    status,
    checklist.onDidChangeStatus(() => {
      showStatus();
      view.description = checklist.rulesOffText;
      view.badge =
        checklist.failedCount() > 0
          ? { value: checklist.failedCount(), tooltip: `${checklist.failedCount()} checklist items failed` }
          : undefined;
    }),
    view.onDidChangeCheckboxState(async (event) => {
      for (const [node, state] of event.items) {
        if (node.kind === 'item' && node.item.id === TICKABLE_ITEM)
          await checklist.setTicked(state === vscode.TreeItemCheckboxState.Checked);
      }
    }),
  );

  // The client id is the settings section, so languageclient reads blahSecurity.trace.server itself.
  context.subscriptions.push(
    previewOpenedRulePages(context.extensionUri),
    vscode.commands.registerCommand('blahSecurity.showOutput', () => client?.outputChannel.show(true)),
    vscode.commands.registerCommand('blahSecurity.restartServer', async () => {
      if (!client) return;
      const channel = client.outputChannel;
      channel.appendLine('Restarting the server (BLAH Security: Restart Server).');
      await client.stop().catch(() => undefined);
      // A new client (the browser's with a new worker): a stopped one is not started again.
      client = wire(create(clientOptions));
      await client.start();
      // Notifications keep the checklist current from here on; the first answer redraws it now.
      checklist.update(await client.sendRequest(CHECKLIST_REQUEST));
    }),
    vscode.commands.registerCommand('blahSecurity.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(`${DIAGNOSTIC_SOURCE}: open a file to fix.`);
        return;
      }
      await fixAll(editor.document);
    }),
    vscode.commands.registerCommand('blahSecurity.showRules', async () => {
      if (!client) return;
      // The server's registry: every rule it runs, as its metadata names it.
      const rules = await client.sendRequest(RULES_REQUEST);
      const picked = await vscode.window.showQuickPick(
        rules.map((rule) => ({
          label: `${severityIcon[rule.severity]} ${rule.id}`,
          description: rule.title,
          detail: rule.severity,
          ruleId: rule.id,
        })),
        {
          title: `${DIAGNOSTIC_SOURCE} rules (${rules.length})`,
          matchOnDescription: true,
          placeHolder: 'Open a rule page',
        },
      );
      if (picked) await showRuleDocumentation(context.extensionUri, picked.ruleId);
    }),
    vscode.commands.registerCommand('blahSecurity.scanWorkspace', async () => {
      if (!client) return;
      const result = await client.sendRequest(SCAN_WORKSPACE_REQUEST);
      checklist.update(await client.sendRequest(CHECKLIST_REQUEST));
      void vscode.window.setStatusBarMessage(`BLAH Security: scanned ${result.files} files`, 4000);
    }),
    vscode.commands.registerCommand(
      'blahSecurity.openGuideSection',
      async (node?: { kind: string; item?: { id: string } }) => {
        const guide = vscode.Uri.joinPath(context.extensionUri, 'docs', 'checklist.md');
        const anchor =
          node?.kind === 'item' && node.item
            ? node.item.id
            : view.selection[0]?.kind === 'item'
              ? (view.selection[0] as { item: { id: string } }).item.id
              : undefined;
        await vscode.commands.executeCommand('markdown.showPreview', anchor ? guide.with({ fragment: anchor }) : guide);
      },
    ),
  );

  await client.start();
  // The first answer waits for the start-up scan; notifications keep it current afterwards.
  const checklistReady = client.sendRequest(CHECKLIST_REQUEST).then(
    (payload) => checklist.update(payload),
    () => undefined,
  );
  return { checklist, checklistReady };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
