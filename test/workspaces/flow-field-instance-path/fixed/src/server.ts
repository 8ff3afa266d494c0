import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { ToolService } from './service.js';

const server = new McpServer({ name: 'files', version: '1.0.0' });
const service = new ToolService('/srv/data');

server.tool('read_file', { file: z.string().max(300) }, async (args) => ({
  content: [{ type: 'text', text: await service.readFile(args) }],
}));

await server.connect(new StdioServerTransport());
