import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { fetchPage } from '@lib/http';

const server = new McpServer({ name: 'pages', version: '1.0.0' });

server.tool('page', { url: z.string().url().max(2000) }, async ({ url }) => ({
  content: [{ type: 'text', text: await fetchPage(url) }],
}));

await server.connect(new StdioServerTransport());
