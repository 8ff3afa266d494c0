import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizePath } from './paths.js';

const ROOT = '/srv/docs';
const server = new McpServer({ name: 'docs', version: '1.0.0' });

server.tool('read', { file: z.string().max(300) }, async ({ file }) => {
  const full = normalizePath(path.join(ROOT, file));
  if (!full.startsWith(ROOT)) throw new Error('outside the docs folder');
  return { content: [{ type: 'text', text: await readFile(full, 'utf8') }] };
});

await server.connect(new StdioServerTransport());
