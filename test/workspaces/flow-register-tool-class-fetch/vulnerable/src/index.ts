import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { PageReader } from './reader.js';

const server = new McpServer({ name: 'page-reader', version: '0.3.0' });
const reader = new PageReader();

server.registerTool(
  'read_page',
  { description: 'Reads a web page as text', inputSchema: { url: z.string().max(2000) } },
  async ({ url }) => {
    const text = await reader.read({ url, maxBytes: 100_000 });
    return { content: [{ type: 'text', text }] };
  },
);

await server.connect(new StdioServerTransport());
