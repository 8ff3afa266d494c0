// Commands run inside a Kubernetes pod, and shells chosen through options held aside.
import * as k8s from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import express from 'express';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { findActualExecutable } from 'spawn-rx';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const config = new k8s.KubeConfig();
config.loadFromDefault();
const podExec = new k8s.Exec(config);
const server = new McpServer({ name: 'pods', version: '1.0.0' });

server.tool('run-in-pod', { pod: z.string().max(100), script: z.string().max(2000) }, async ({ pod, script }) => {
  const out = new PassThrough();
  // expect: ts/command-injection "script"
  await podExec.exec('default', pod, 'app', ['/bin/sh', '-c', script], out, out, null, false);
  return { content: [{ type: 'text', text: 'started' }] };
});

server.tool('exec-argv', { pod: z.string().max(100), argv: z.array(z.string().max(200)).max(20) }, async ({ pod, argv }) => {
  const out = new PassThrough();
  // expect: ts/command-injection "argv"
  await new k8s.Exec(config).exec('default', pod, 'app', argv, out, out, null, false);
  return { content: [{ type: 'text', text: 'started' }] };
});

const shellOptions = { shell: true, stdio: 'pipe' } as const;
server.tool('shell', { line: z.string().max(500) }, async ({ line }) => {
  // expect: ts/command-injection "line"
  spawn(line, [], shellOptions);
  return { content: [{ type: 'text', text: 'ran' }] };
});

const app = express.Router();
app.get('/stdio', async (req, res) => {
  const { cmd, args } = findActualExecutable(String(req.query.command), []);
  // expect: ts/command-injection "cmd"
  await new StdioClientTransport({ command: cmd, args }).start();
  res.end();
});

app.get('/env', async (req, res) => {
  const transport = new StdioClientTransport({
    command: 'node',
    args: ['/srv/server.js'],
    // expect: ts/command-injection "{ ...process.env, ...JSON.parse(String(req.query.env)) }"
    env: { ...process.env, ...JSON.parse(String(req.query.env)) },
  });
  await transport.start();
  res.end();
});
