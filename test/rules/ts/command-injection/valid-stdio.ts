// Servers started from a fixed list, whatever the request names.
import express from 'express';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const app = express.Router();
const known: Record<string, { command: string; args: string[] }> = {
  files: { command: 'node', args: ['/srv/tools/files.js'] },
};

app.post('/connect', async (req, res) => {
  const entry = known[String(req.body.name)];
  if (!entry) return res.sendStatus(404);
  // ok: ts/command-injection
  const transport = new StdioClientTransport({ command: 'node', args: ['/srv/tools/files.js'] });
  await transport.start();
  return res.sendStatus(204);
});

app.post('/with-cwd', async (req, res) => {
  // ok: ts/command-injection
  const transport = new StdioClientTransport({ command: '/srv/tools/files', args: [String(req.body.root)] });
  await transport.start();
  res.sendStatus(204);
});

class StdioClientTransportLike {
  constructor(readonly options: unknown) {}
}
app.post('/fake', (req, res) => {
  // ok: ts/command-injection
  const t = new StdioClientTransportLike({ command: req.body.command });
  res.json(t.options);
});

export function local() {
  // ok: ts/command-injection
  return new StdioClientTransport({ command: process.execPath, args: ['server.js'] });
}

app.post('/args', async (req, res) => {
  // ok: ts/command-injection
  const transport = new StdioClientTransport({ command: 'my-server', args: ['--root', String(req.body.root)] });
  await transport.start();
  res.sendStatus(204);
});
