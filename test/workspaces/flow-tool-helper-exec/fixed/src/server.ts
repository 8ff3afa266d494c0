import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { runCommand } from './exec.js';

const server = new McpServer({ name: 'shell-helper', version: '1.0.0' });
const ALLOWED_COMMANDS = new Set(['uptime', 'df -h', 'free -m']);

server.tool('run', { command: z.string().max(200) }, async ({ command }) => {
  if (!ALLOWED_COMMANDS.has(command)) throw new Error('command not allowed');
  const output = await runCommand(command);
  return { content: [{ type: 'text', text: output }] };
});

await server.connect(new StdioServerTransport());
