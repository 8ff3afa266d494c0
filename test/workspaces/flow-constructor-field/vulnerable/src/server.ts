import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { ImageJob } from './image-job.js';

const server = new McpServer({ name: 'images', version: '1.0.0' });

server.tool('thumbnail', { file: z.string().max(300) }, async ({ file }) => {
  const job = new ImageJob(file, 256);
  return { content: [{ type: 'text', text: job.run() }] };
});

await server.connect(new StdioServerTransport());
