import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { searchFiles } from './tools/search.js';

const server = new McpServer({ name: 'search', version: '1.0.0' });

server.tool('search', 'Searches the project for a pattern', { pattern: z.string().max(200) }, searchFiles);

await server.connect(new StdioServerTransport());
