// The same server over stdio: validated arguments, and logs on stderr so stdout stays protocol-only.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { readUserFile } from './files.js';

const readFileArguments = z.object({ path: z.string().max(256) }).strict();
const server = new Server({ name: 'secure-notes-stdio', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { path } = readFileArguments.parse(request.params.arguments);
  console.error('tool call', request.params.name);
  return { content: [{ type: 'text', text: await readUserFile(path) }] };
});

await server.connect(new StdioServerTransport());
console.error('secure-notes ready on stdio');
