// Tool inputs with no size limit.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'notes', version: '1.0.0' });

server.tool(
  'search',
  {
    // expect: mcp/unbounded-tool-input "query"
    query: z.string().max(1000).describe('What to search for'),
    // expect: mcp/unbounded-tool-input "tags"
    tags: z.array(z.string().max(20)).max(100).optional(),
    limit: z.number().int().max(100),
  },
  async ({ query }) => ({ content: [{ type: 'text', text: query }] }),
);

server.registerTool(
  'write',
  {
    description: 'Write a note',
    inputSchema: {
      // expect: mcp/unbounded-tool-input "body"
      body: z.string().max(1000).min(1),
      meta: z.object({
        // expect: mcp/unbounded-tool-input "author"
        author: z.string().max(1000),
      }),
    },
  },
  async ({ body }) => ({ content: [{ type: 'text', text: body }] }),
);

export const tools = [
  {
    name: 'fetch',
    inputSchema: {
      type: 'object',
      properties: {
        // expect: mcp/unbounded-tool-input "url"
        url: { type: 'string', maxLength: 1000, format: 'uri' },
      },
      additionalProperties: false,
    },
  },
];
