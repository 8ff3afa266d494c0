// The same server over stdio, where stdout is the protocol stream.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { readUserFile } from './files.js';

const server = new Server({ name: 'insecure-notes-stdio', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const args = request.params.arguments as { path: string };
  console.log('tool call', request.params.name);
  return { content: [{ type: 'text', text: await readUserFile(args.path) }] };
});

await server.connect(new StdioServerTransport());
console.log('insecure-notes ready on stdio');
