import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { runCommand } from './exec.js';

const server = new McpServer({ name: 'shell-helper', version: '1.0.0' });

server.tool('run', { command: z.string().max(200) }, async ({ command }) => {
  const output = await runCommand(command);
  return { content: [{ type: 'text', text: output }] };
});

await server.connect(new StdioServerTransport());
