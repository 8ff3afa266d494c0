// Tools with schemas, and tools that take no arguments.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const server = new McpServer({ name: 'notes', version: '1.0.0' });

// ok: mcp/tool-without-input-schema
server.tool('read_note', { id: z.string().uuid() }, async ({ id }) => ({ content: [{ type: 'text', text: id }] }));
// ok: mcp/tool-without-input-schema
server.tool('list_notes', async () => ({ content: [{ type: 'text', text: '[]' }] }));
// ok: mcp/tool-without-input-schema
server.tool('whoami', 'Who is calling', async ({ authInfo, sessionId }) => ({ content: [{ type: 'text', text: `${authInfo?.clientId} ${sessionId}` }] }));
// ok: mcp/tool-without-input-schema
server.registerTool('delete_note', { description: 'Delete', inputSchema: { noteId: z.string().max(64) } }, async ({ noteId }) => ({ content: [{ type: 'text', text: noteId }] }));

const schema = z.object({ path: z.string().max(200) });
const low = new Server({ name: 'low', version: '1.0.0' }, { capabilities: { tools: {} } });
low.setRequestHandler(CallToolRequestSchema, async (request) => {
  // ok: mcp/tool-without-input-schema
  const { path } = schema.parse(request.params.arguments);
  return { content: [{ type: 'text', text: path }] };
});
