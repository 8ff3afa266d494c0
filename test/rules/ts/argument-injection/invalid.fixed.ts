// Callers' values where the program reads options.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const run = promisify(execFile);
const server = new McpServer({ name: 'repo-tools', version: '1.0.0' });

server.tool('clone', { url: z.string().max(200) }, async ({ url }) => {
  // expect: ts/argument-injection "url"
  await run('git', ['clone', '--depth', '1', '--end-of-options', url, '/tmp/checkout']);
  return { content: [{ type: 'text', text: 'cloned' }] };
});

server.tool('fetch-page', { address: z.string().max(200) }, async ({ address }) => {
  // expect: ts/argument-injection "address"
  const page = execFileSync('/usr/bin/curl', ['-sS', '--', address], { encoding: 'utf8' });
  return { content: [{ type: 'text', text: page }] };
});

server.tool('pods', { selector: z.string().max(200) }, async ({ selector }) => {
  // expect: ts/argument-injection "selector"
  const args = ['get', 'pods', selector, '-o', 'json'];
  const out = await run('kubectl', args);
  return { content: [{ type: 'text', text: out.stdout }] };
});

server.tool('connect', { host: z.string().max(200) }, async ({ host }) => {
  // expect: ts/argument-injection "host"
  spawn('ssh', ['--', host, 'uptime']);
  return { content: [{ type: 'text', text: 'started' }] };
});

server.tool('pack', { files: z.array(z.string().max(200)).max(20) }, async ({ files }) => {
  // expect: ts/argument-injection "...files"
  await run('tar', ['czf', '/tmp/out.tgz', '--', ...files]);
  return { content: [{ type: 'text', text: 'packed' }] };
});

server.tool('show', { revision: z.string().max(200) }, async ({ revision }) => {
  // expect: ts/argument-injection "revision"
  const shown = await run('git', ['show', '--end-of-options', revision]);
  return { content: [{ type: 'text', text: shown.stdout }] };
});
