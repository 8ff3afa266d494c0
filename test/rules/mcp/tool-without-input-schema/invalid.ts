// Tools that read arguments they never declared.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const server = new McpServer({ name: 'notes', version: '1.0.0' });

// expect: mcp/tool-without-input-schema "'read_note'"
server.tool('read_note', async ({ id }) => ({ content: [{ type: 'text', text: String(id) }] }));

// expect: mcp/tool-without-input-schema "'search'"
server.tool('search', 'Search notes', async (args) => ({ content: [{ type: 'text', text: String(args.query) }] }));

// expect: mcp/tool-without-input-schema "'delete_note'"
server.registerTool('delete_note', { description: 'Delete a note' }, async ({ noteId }) => ({ content: [{ type: 'text', text: `deleted ${noteId}` }] }));

// expect: mcp/tool-without-input-schema "'tag'"
server.tool('tag', async (input) => {
  const { name, color } = input;
  return { content: [{ type: 'text', text: `${name}:${color}` }] };
});

const low = new Server({ name: 'low', version: '1.0.0' }, { capabilities: { tools: {} } });
low.setRequestHandler(CallToolRequestSchema, async (request) => {
  // expect: mcp/tool-without-input-schema "request.params.arguments"
  const args = request.params.arguments as { path: string };
  return { content: [{ type: 'text', text: args.path }] };
});
