// The same shapes, with '--' pushed first, a wrapper given constants, a fixed line.
import { execFileSync, spawn } from 'node:child_process';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'cluster', version: '1.0.0' });

server.tool('remove-pod', { pod: z.string().max(200) }, async ({ pod }) => {
  const argv = ['delete', 'pod'];
  // ok: ts/argument-injection
  argv.push('--', pod);
  execFileSync('kubectl', argv);
  return { content: [{ type: 'text', text: 'deleted' }] };
});

const runTool = (program: string, argv: string[]) => execFileSync(program, argv, { encoding: 'utf8' });

server.tool('version', {}, async () => {
  // ok: ts/argument-injection
  const text = runTool('kubectl', ['version', '--client']);
  return { content: [{ type: 'text', text }] };
});

function launch(line: string) {
  const [program, ...argv] = line.split(' ');
  // ok: ts/argument-injection
  return spawn(program, argv);
}

server.tool('proxy', {}, async () => {
  launch('kubectl proxy --port 8001');
  return { content: [{ type: 'text', text: 'proxying' }] };
});

server.tool('tool-wrapper', { pod: z.string().max(200) }, async ({ pod }) => {
  // ok: ts/argument-injection
  runTool('my-own-tool', [pod]);
  return { content: [{ type: 'text', text: 'ran' }] };
});

const later: string[] = [];
server.tool('queue', { pod: z.string().max(200) }, async ({ pod }) => {
  const argv = ['get', 'pod'];
  // ok: ts/argument-injection
  execFileSync('kubectl', argv);
  later.push(pod);
  return { content: [{ type: 'text', text: 'queued' }] };
});
