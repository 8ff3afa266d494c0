import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { runReport } from '@acme/reports';

const server = new McpServer({ name: 'reports', version: '1.0.0' });

server.tool('report', { name: z.enum(['sales', 'stock']) }, async ({ name }) => ({
  content: [{ type: 'text', text: runReport(name) }],
}));

await server.connect(new StdioServerTransport());
