// Bounded inputs.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'notes', version: '1.0.0' });

server.tool(
  'search',
  {
    // ok: mcp/unbounded-tool-input
    query: z.string().max(200),
    // ok: mcp/unbounded-tool-input
    id: z.string().uuid(),
    // ok: mcp/unbounded-tool-input
    tags: z.array(z.string().max(20)).max(10),
    // ok: mcp/unbounded-tool-input
    sort: z.enum(['asc', 'desc']),
    // ok: mcp/unbounded-tool-input
    code: z.string().length(6),
  },
  async ({ query }) => ({ content: [{ type: 'text', text: query }] }),
);

export const tools = [
  {
    name: 'fetch',
    inputSchema: {
      type: 'object',
      properties: {
        // ok: mcp/unbounded-tool-input
        url: { type: 'string', maxLength: 2048 },
        // ok: mcp/unbounded-tool-input
        mode: { type: 'string', enum: ['a', 'b'] },
      },
      additionalProperties: false,
    },
  },
];

// Not a tool schema.
// ok: mcp/unbounded-tool-input
export const form = z.object({ comment: z.string() });
