import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { commitsSince } from './git.js';

const server = new McpServer({ name: 'git-log', version: '0.1.0' });

server.tool('commits_since', { ref: z.string().max(100) }, async ({ ref }) => ({
  content: [{ type: 'text', text: commitsSince(ref) }],
}));

await server.connect(new StdioServerTransport());
