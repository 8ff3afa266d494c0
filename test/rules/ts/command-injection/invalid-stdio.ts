// An inspector-style proxy that starts MCP servers from request data.
import express from 'express';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const app = express.Router();

app.post('/connect', async (req, res) => {
  const transport = new StdioClientTransport({
    // expect: ts/command-injection "req.body.command"
    command: req.body.command,
    args: ['--stdio'],
  });
  await new Client({ name: 'proxy', version: '1.0.0' }).connect(transport);
  res.sendStatus(204);
});

app.get('/run-package', async (req, res) => {
  const pkg = String(req.query.pkg);
  // expect: ts/command-injection "['-y', pkg]"
  const transport = new StdioClientTransport({ command: 'npx', args: ['-y', pkg] });
  await new Client({ name: 'proxy', version: '1.0.0' }).connect(transport);
  res.sendStatus(204);
});

app.post('/env', async (req, res) => {
  const transport = new StdioClientTransport({
    command: 'node',
    args: ['/srv/tools/server.js'],
    // expect: ts/command-injection "req.body.env"
    env: req.body.env,
  });
  await new Client({ name: 'proxy', version: '1.0.0' }).connect(transport);
  res.sendStatus(204);
});

app.post('/config', async (req, res) => {
  // expect: ts/command-injection "req.body.server"
  const transport = new StdioClientTransport(req.body.server);
  await new Client({ name: 'proxy', version: '1.0.0' }).connect(transport);
  res.sendStatus(204);
});

app.post('/script', async (req, res) => {
  const { script } = req.body;
  // expect: ts/command-injection "['-c', script]"
  const transport = new StdioClientTransport({ command: 'bash', args: ['-c', script] });
  await new Client({ name: 'proxy', version: '1.0.0' }).connect(transport);
  res.sendStatus(204);
});
