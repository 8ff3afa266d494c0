import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { download } from './net/index.js';

const server = new McpServer({ name: 'downloader', version: '1.2.0' });

server.tool('download', { source: z.string().max(2048) }, async ({ source }) => {
  const size = await download(source);
  return { content: [{ type: 'text', text: `${size} bytes` }] };
});

await server.connect(new StdioServerTransport());
