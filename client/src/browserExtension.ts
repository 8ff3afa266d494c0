// The web client (vscode.dev, github.dev): the same server, bundled for a web worker. Everything
// else is shared with the desktop client (common.ts).
import * as vscode from 'vscode';
import { LanguageClient, type ServerOptions } from 'vscode-languageclient/browser';
import { DIAGNOSTIC_SOURCE, SETTINGS_SECTION } from '../../server/src/protocol';
import { activateWith, deactivate, type BlahSecurityApi } from './common';

export { deactivate };

/** The browser's Worker constructor (the project compiles without the DOM library). */
declare const Worker: new (url: string) => Extract<ServerOptions, object> & { terminate(): void };

export function activate(context: vscode.ExtensionContext): Promise<BlahSecurityApi> {
  // VS Code's worker wrapper loads the script with importScripts: it is a classic (IIFE) bundle.
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true);
  let worker: InstanceType<typeof Worker> | undefined;
  return activateWith(
    context,
    (clientOptions) => {
      // A restart stops the client, then asks for a new one: the old worker goes with it.
      worker?.terminate();
      worker = new Worker(script);
      return new LanguageClient(SETTINGS_SECTION, DIAGNOSTIC_SOURCE, worker, clientOptions);
    },
    'any',
  );
}
