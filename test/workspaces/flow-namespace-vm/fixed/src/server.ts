import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import * as sandbox from './sandbox.js';

const server = new McpServer({ name: 'js-runner', version: '0.9.0' });

server.tool('run_js', { code: z.string().max(5000) }, async ({ code }) => {
  const result = sandbox.run(code);
  return { content: [{ type: 'text', text: JSON.stringify(result) }] };
});

await server.connect(new StdioServerTransport());
