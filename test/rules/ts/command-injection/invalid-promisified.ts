// Promisified and wrapped shell execution: how most MCP servers run commands.
import { exec } from 'node:child_process';
import * as cp from 'child_process';
import util, { promisify } from 'node:util';
import { execa, execaCommand } from 'execa';
import spawn from 'cross-spawn';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const execAsync = promisify(exec);
const runShell = util.promisify(cp.exec);
const runRequired = promisify(require('child_process').exec);

const server = new McpServer({ name: 'device-tools', version: '1.0.0' });

server.tool('tap', { label: z.string().max(256) }, async ({ label }) => {
  // expect: ts/command-injection "`idb ui tap ${label}`"
  const { stdout } = await execAsync(`idb ui tap ${label}`);
  return { content: [{ type: 'text', text: stdout }] };
});

server.tool('screenshot', { device: z.string().max(256) }, async ({ device }) => {
  // expect: ts/command-injection "'adb -s ' + device + ' exec-out screencap'"
  await runShell('adb -s ' + device + ' exec-out screencap');
  return { content: [] };
});

server.tool('logs', { unit: z.string().max(256) }, async ({ unit }) => {
  // expect: ts/command-injection "`journalctl -u ${unit}`"
  await runRequired(`journalctl -u ${unit}`);
  return { content: [] };
});

server.tool('history', { ref: z.string().max(256) }, async ({ ref }) => {
  // expect: ts/command-injection "`git log ${ref}`"
  const result = await execaCommand(`git log ${ref}`);
  return { content: [{ type: 'text', text: result.stdout }] };
});

server.tool('convert', { file: z.string().max(256) }, async ({ file }) => {
  // expect: ts/command-injection "`magick ${file} out.png`"
  await execa(`magick ${file} out.png`, { shell: true });
  // expect: ts/command-injection "`magick ${file} thumb.png`"
  spawn(`magick ${file} thumb.png`, { shell: true });
  return { content: [] };
});

/** A callback wrapped in a promise: the command comes from the caller. */
function shell(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // expect: ts/command-injection "command"
    exec(command, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

server.tool('open', { target: z.string().max(256) }, async ({ target }) => {
  const text = await shell(`xdg-open ${target}`);
  return { content: [{ type: 'text', text }] };
});
