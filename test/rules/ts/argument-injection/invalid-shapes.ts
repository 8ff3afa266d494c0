// Argument lists built up in steps, through a wrapper, or split from a command line.
import { execFileSync, spawn } from 'node:child_process';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'cluster', version: '1.0.0' });

server.tool('remove-pod', { pod: z.string().max(200) }, async ({ pod }) => {
  const argv = ['delete', 'pod'];
  // expect: ts/argument-injection "pod"
  argv.push(pod);
  execFileSync('kubectl', argv);
  return { content: [{ type: 'text', text: 'deleted' }] };
});

const runTool = (program: string, argv: string[]) => execFileSync(program, argv, { encoding: 'utf8' });

server.tool('describe', { pod: z.string().max(200) }, async ({ pod }) => {
  // expect: ts/argument-injection "pod"
  const text = runTool('kubectl', ['describe', 'pod', pod]);
  return { content: [{ type: 'text', text }] };
});

function chart(program: string, argv: string[]) {
  return spawn(program, argv);
}

server.tool('uninstall', { release: z.string().max(200) }, async ({ release }) => {
  // expect: ts/argument-injection "release"
  chart('helm', ['uninstall', release]);
  return { content: [{ type: 'text', text: 'removed' }] };
});

function launch(line: string) {
  const [program, ...argv] = line.split(' ');
  // expect: ts/argument-injection "spawn(program, argv)"
  return spawn(program, argv);
}

server.tool('forward', { namespace: z.string().max(60), name: z.string().max(200) }, async ({ namespace, name }) => {
  launch(`kubectl port-forward -n ${namespace} ${name} 8080:80`);
  return { content: [{ type: 'text', text: 'forwarding' }] };
});

server.tool('logs', { pod: z.string().max(200), since: z.string().max(20) }, async ({ pod, since }) => {
  const argv = ['logs'];
  argv.push('--since', since);
  // expect: ts/argument-injection "pod"
  argv.push(pod);
  return { content: [{ type: 'text', text: execFileSync('kubectl', argv, { encoding: 'utf8' }) }] };
});
