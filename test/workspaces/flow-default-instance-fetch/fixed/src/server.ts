import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import client from './client.js';

const server = new McpServer({ name: 'api-proxy', version: '1.0.0' });

server.tool('call_api', { endpoint: z.string().max(500) }, async ({ endpoint }) => {
  const data = await client.get(endpoint);
  return { content: [{ type: 'text', text: JSON.stringify(data) }] };
});

await server.connect(new StdioServerTransport());
