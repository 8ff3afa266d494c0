import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { Scripts } from './scripts.js';

const server = new McpServer({ name: 'scripts', version: '1.0.0' });

server.tool('run_script', { script: z.string().max(500) }, async (args) => {
  const output = Scripts.execute(args.script);
  return { content: [{ type: 'text', text: output }] };
});

await server.connect(new StdioServerTransport());
