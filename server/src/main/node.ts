// Node entry of the language server: node IPC for the VS Code extension, --stdio (or
// --socket/--pipe) for any other editor. Over stdio the reader is ours, so a malformed message
// is logged (to stderr, never its content) and skipped instead of going unnoticed.
// First: starts the analysis worker before anything else of the bundle initializes.
import './nodeEarly';
import { takeEarlyWorker, workerScript } from '../host/earlyWorker';
import { existsSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';
import { createWorkerAnalyzer } from '../host/workerAnalyzer';
import { HOST_READ_LIMIT, isTrustedFolder, readRegularFile } from '../host/readFile';

/**
 * How long a message may stay incomplete with no byte coming (ms): a Content-Length longer than
 * its body leaves the stream out of step for good, so the server exits (and the editor restarts
 * it) instead of answering nothing forever. BLAH_SECURITY_PARTIAL_MESSAGE_MS sets it (tests).
 */
function partialMessageTimeout(): number {
  const fromEnv = Number(process.env.BLAH_SECURITY_PARTIAL_MESSAGE_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 20000;
}

function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.partialMessageTimeout = partialMessageTimeout();
  reader.onPartialMessage(({ waitingTime }) => {
    process.stderr.write(
      `blah-security-lsp: a message stayed incomplete for ${waitingTime / 1000} s (a Content-Length longer than its body?); the stream is out of step, exiting\n`,
    );
    process.exit(1);
  });
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

// The rule pages ship beside the bundle (dist/server.js -> docs/rules/…): link to that copy.
const packageRoot = dirname(__dirname);
const docsBase = existsSync(join(packageRoot, 'docs', 'rules')) ? pathToFileURL(packageRoot).href + '/' : undefined;

startServer(connection, {
  ...(docsBase ? { docsBase } : {}),
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
  async trustedFolder(uri: string): Promise<boolean> {
    return uri.startsWith('file:') && isTrustedFolder(fileURLToPath(uri));
  },
  async realUri(uri: string): Promise<string | undefined> {
    if (!uri.startsWith('file:')) return uri;
    try {
      return pathToFileURL(await realpath(fileURLToPath(uri))).href.replace(/\/$/, '');
    } catch {
      return undefined;
    }
  },
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
  // Only regular files, opened without blocking and read up to a limit (host/readFile.ts): a FIFO
  // or /dev/zero committed as a .gitignore or an include must not stall or fill this process.
  async readFile(uri: string, maxBytes = HOST_READ_LIMIT): Promise<string | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const read = await readRegularFile(fileURLToPath(uri), Math.min(maxBytes, HOST_READ_LIMIT));
      return 'bytes' in read ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(read.bytes) : undefined;
    } catch {
      return undefined;
    }
  },
});
