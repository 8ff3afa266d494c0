// Node entry of the language server: node IPC for the VS Code extension, --stdio (or
// --socket/--pipe) for any other editor. Over stdio the reader is ours, so a malformed message
// is logged (to stderr, never its content) and skipped instead of going unnoticed.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { startServer } from './server';

function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onError((error) => {
    // The parser's message can quote the input, which may be document text: name the error only.
    process.stderr.write(`blah-security-lsp: ignored a malformed message (${error instanceof Error ? error.name : 'error'})\n`);
  });
  return createConnection(ProposedFeatures.all, reader, writer);
}

startServer(connect(), {
  async readFile(uri: string): Promise<string | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return await readFile(fileURLToPath(uri), 'utf8');
    } catch {
      return undefined;
    }
  },
});
