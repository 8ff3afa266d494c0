import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { Scripts } from './scripts.js';

const server = new McpServer({ name: 'scripts', version: '1.0.0' });
const SCRIPTS: Record<string, string> = { status: 'git status --short', disk: 'df -h' };

server.tool('run_script', { name: z.enum(['status', 'disk']) }, async (args) => {
  const output = Scripts.execute(SCRIPTS[args.name]);
  return { content: [{ type: 'text', text: output }] };
});

await server.connect(new StdioServerTransport());
