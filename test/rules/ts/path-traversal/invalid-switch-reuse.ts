// One variable reused by each case of a switch: only the case that writes it reads it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const ProfileArgs = z.object({ name: z.string().max(100) });

const server = new Server({ name: 'config', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  let file: string;
  switch (request.params.name) {
    case 'defaults':
      file = '/etc/app/defaults.json';
      // ok: ts/path-traversal
      return { content: [{ type: 'text', text: await readFile(file, 'utf8') }] };
    case 'profile':
      file = path.join('/etc/app/profiles', ProfileArgs.parse(request.params.arguments).name);
      // expect: ts/path-traversal "file"
      return { content: [{ type: 'text', text: await readFile(file, 'utf8') }] };
    default:
      throw new Error('unknown tool');
  }
});
