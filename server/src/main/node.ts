// Node entry of the language server: node IPC for the VS Code extension, --stdio (or
// --socket/--pipe) for any other editor. Over stdio the reader is ours, so a malformed message
// is logged (to stderr, never its content) and skipped instead of going unnoticed.
// First: starts the analysis worker before anything else of the bundle initializes.
import './nodeEarly';
import { takeEarlyWorker, workerScript } from '../host/earlyWorker';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';
import { createWorkerAnalyzer } from '../host/workerAnalyzer';

function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onError((error) => {
    // The parser's message can quote the input, which may be document text: name the error only.
    process.stderr.write(
      `blah-security-lsp: ignored a malformed message (${error instanceof Error ? error.name : 'error'})\n`,
    );
  });
  return createConnection(ProposedFeatures.all, reader, writer);
}

const connection = connect();

// A promise nobody awaited that failed (a client that answers a request with an error) must not
// end the process: Node's default for an unhandled rejection is to exit. Log it and carry on.
process.on('unhandledRejection', (reason) => {
  const what =
    reason instanceof Error
      ? `${reason.name}: ${reason.message}`
      : typeof reason === 'object' && reason && 'message' in reason
        ? String((reason as { message: unknown }).message)
        : String(reason);
  connection.console.error(`Internal error, carried on: ${what.slice(0, 300)}`);
});

startServer(connection, {
  // Analysis runs in a worker thread with a watchdog, so a hanging rule never blocks the editor.
  ...(existsSync(workerScript)
    ? {
        analyze: createWorkerAnalyzer({
          script: workerScript,
          initial: takeEarlyWorker(),
          hungRules: 'document',
          log: (message) => connection.console.error(message),
        }),
      }
    : {}),
  async readDirectory(uri: string) {
    if (!uri.startsWith('file:')) return [];
    const entries = await readdir(fileURLToPath(uri), { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      type: e.isSymbolicLink()
        ? ('symlink' as const)
        : e.isDirectory()
          ? ('directory' as const)
          : e.isFile()
            ? ('file' as const)
            : ('other' as const),
    }));
  },
  async readFile(uri: string): Promise<string | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return await readFile(fileURLToPath(uri), 'utf8');
    } catch {
      return undefined;
    }
  },
});
