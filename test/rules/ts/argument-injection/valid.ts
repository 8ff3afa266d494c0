// Values after `--`, glued to an option, an option's own value, checked, or constant.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const run = promisify(execFile);
const server = new McpServer({ name: 'repo-tools', version: '1.0.0' });

server.tool('clone', { url: z.string().max(200) }, async ({ url }) => {
  // ok: ts/argument-injection
  await run('git', ['clone', '--depth', '1', '--', url, '/tmp/checkout']);
  return { content: [{ type: 'text', text: 'cloned' }] };
});

server.tool('branch', { name: z.string().max(200) }, async ({ name }) => {
  // ok: ts/argument-injection
  await run('git', ['checkout', `refs/heads/${name}`]);
  return { content: [{ type: 'text', text: 'switched' }] };
});

server.tool('pods', { namespace: z.string().max(200) }, async ({ namespace }) => {
  // ok: ts/argument-injection
  const out = await run('kubectl', ['get', 'pods', '-n', namespace, '-o', 'json']);
  return { content: [{ type: 'text', text: out.stdout }] };
});

server.tool('connect', { host: z.string().max(200) }, async ({ host }) => {
  if (host.startsWith('-')) throw new Error('host must not start with -');
  // ok: ts/argument-injection
  spawn('ssh', [host, 'uptime']);
  return { content: [{ type: 'text', text: 'started' }] };
});

server.tool('convert', { input: z.string().max(200) }, async ({ input }) => {
  // ok: ts/argument-injection
  await run('my-converter', [input]);
  return { content: [{ type: 'text', text: 'done' }] };
});

server.tool('status', { verbose: z.boolean() }, async () => {
  // ok: ts/argument-injection
  const out = await run('git', ['status', '--porcelain']);
  return { content: [{ type: 'text', text: out.stdout }] };
});

server.tool('show', { revision: z.string().max(200) }, async ({ revision }) => {
  // ok: ts/argument-injection
  const shown = await run('git', ['show', '--end-of-options', revision]);
  return { content: [{ type: 'text', text: shown.stdout }] };
});
