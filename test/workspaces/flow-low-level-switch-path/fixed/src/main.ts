import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { listNotes, readNote } from './notes.js';

const server = new Server({ name: 'notes', version: '2.1.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const args = request.params.arguments ?? {};
  switch (request.params.name) {
    case 'list_notes':
      return { content: [{ type: 'text', text: (await listNotes()).join('\n') }] };
    case 'read_note': {
      const text = await readNote(String(args.path));
      return { content: [{ type: 'text', text }] };
    }
    default:
      throw new Error(`unknown tool ${request.params.name}`);
  }
});

await server.connect(new StdioServerTransport());
