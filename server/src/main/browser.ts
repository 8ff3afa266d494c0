// Web-worker entry of the language server (VS Code for the Web). Messages come through the
// worker's port; files beyond open documents are read through the client (the editor's file
// system), and analysis runs in this worker (it already is one).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';
import { READ_DIRECTORY_REQUEST, READ_FILE_REQUEST } from '../protocol';
import type { EntryType } from '../host/workspaceWalk';

type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];
const scope = globalThis as unknown as WorkerScope;
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

startServer(connection, {
  async readFile(uri: string): Promise<string | undefined> {
    const text = await connection.sendRequest(READ_FILE_REQUEST, { uri });
    return text ?? undefined;
  },
  async readDirectory(uri: string): Promise<Array<{ name: string; type: EntryType }>> {
    const entries = await connection.sendRequest(READ_DIRECTORY_REQUEST, { uri });
    if (!entries) throw Object.assign(new Error(`cannot read ${uri}`), { code: 'ENOENT' });
    return entries;
  },
});
