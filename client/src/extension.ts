// The desktop client: starts the language server over node IPC. Everything else is shared with
// the web client (common.ts).
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, SETTINGS_SECTION } from '../../server/src/protocol';
import { activateWith, deactivate, type BlahSecurityApi } from './common';

export { deactivate };
export type { BlahSecurityApi };

export function activate(context: vscode.ExtensionContext): Promise<BlahSecurityApi> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  // The compiler's code cache (server/src/typescriptLoader.ts) lives in this extension's own
  // storage: private to the user, and removed with the extension.
  const env = {
    ...process.env,
    BLAH_SECURITY_CACHE_DIR: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath,
  };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { env, execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  return activateWith(
    context,
    (clientOptions) => new LanguageClient(SETTINGS_SECTION, DIAGNOSTIC_SOURCE, serverOptions, clientOptions),
    ['file'],
  );
}
