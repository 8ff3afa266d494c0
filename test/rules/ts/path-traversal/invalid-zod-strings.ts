// A schema that only says "a string" checks the type, not the content: the parsed value is
// still the caller's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const ReadArgs = z.object({ file: z.string().min(1).max(300), encoding: z.enum(['utf8', 'latin1']) });
const server = new Server({ name: 'reader', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  if (request.params.name === 'read') {
    const { file } = ReadArgs.parse(request.params.arguments);
    // expect: ts/path-traversal "path.join('/srv/shared', file)"
    const text = await readFile(path.join('/srv/shared', file), 'utf8');
    return { content: [{ type: 'text', text }] };
  }
  const parsed = ReadArgs.safeParse(request.params.arguments);
  if (!parsed.success) throw new Error('bad arguments');
  // expect: ts/path-traversal "parsed.data.file"
  const text = await readFile(parsed.data.file, parsed.data.encoding);
  return { content: [{ type: 'text', text }] };
});
