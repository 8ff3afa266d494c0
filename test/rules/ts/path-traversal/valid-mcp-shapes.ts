// A helper that checks the name before building the path: what it returns is safe to read.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

function assertSlug(value: string): void {
  if (!/^[a-z0-9-]+$/.test(value)) throw new Error('not a slug');
}

function statePath(mode: string): string {
  assertSlug(mode);
  return path.join('/var/state', `${mode}.json`);
}

const server = new McpServer({ name: 'state', version: '1.0.0' });

server.tool('state', { mode: z.string().max(200) }, async ({ mode }) => {
  // ok: ts/path-traversal
  const text = await readFile(statePath(mode), 'utf8');
  return { content: [{ type: 'text', text }] };
});

// A function named like a handler but never registered: its parameter is nobody's tool argument.
async function notAHandler(args: { file: string }) {
  // ok: ts/path-traversal
  return readFile(path.join('/srv/files', args.file), 'utf8');
}
export { notAHandler };
