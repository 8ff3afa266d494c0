// The thin VS Code client: starts the language server over node IPC and forwards what the
// editor has. All analysis happens in the server.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ANALYZED_LANGUAGE_IDS, DIAGNOSTIC_SOURCE, SETTINGS_SECTION } from '../../server/src/shared/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...ANALYZED_LANGUAGE_IDS.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'file', pattern: '**/{Dockerfile,Containerfile,*.Dockerfile,*.Containerfile,Dockerfile.*,Containerfile.*}' },
      { scheme: 'file', pattern: '**/.blah-security.json' },
    ],
    synchronize: {
      // Files the server reads besides open documents: the project config and .dockerignore.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/.blah-security.json'), vscode.workspace.createFileSystemWatcher('**/{.dockerignore,*.dockerignore}')],
    },
    diagnosticCollectionName: 'blahSecurity',
    outputChannelName: DIAGNOSTIC_SOURCE,
  };
  client = new LanguageClient(SETTINGS_SECTION, DIAGNOSTIC_SOURCE, serverOptions, clientOptions);

  // The client id is the settings section, so languageclient reads blahSecurity.trace.server itself.
  context.subscriptions.push(vscode.commands.registerCommand('blahSecurity.showOutput', () => client?.outputChannel.show(true)));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
