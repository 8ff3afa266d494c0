import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from './test/helpers/lspClient';
async function main() {
  const client = await LspTestClient.start({ initializationOptions: { debounceMs: 0 } });
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${client.process.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const uri = 'file:///virtual/soak.ts';
  const lines = readFileSync('examples/insecure-mcp-server/src/server.ts', 'utf8').split('\n').slice(0, 60);
  await client.open(uri, 'typescript', lines.join('\n'));
  const marks: string[] = [];
  for (let i = 1; i <= 60000; i++) {
    const line = 5 + (i % 50);
    const change = i % 2 === 1 ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' } : { range: { start: { line: 5 + ((i - 1) % 50), character: 0 }, end: { line: 5 + ((i - 1) % 50), character: 1 } }, text: '' };
    if (i % 10 === 0) await client.change(uri, [change]);
    else { const d = client.documents.get(uri)!; client.documents.set(uri, TextDocument.update(d, [change], d.version + 1)); client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: d.version + 1 }, contentChanges: [change] }); }
    if ([1000, 10000, 20000, 30000, 40000, 50000, 60000].includes(i)) marks.push(`${i}: ${rss().toFixed(0)} MB`);
  }
  console.log(marks.join(', '));
  client.kill();
}
void main();
