// Tool arguments as real MCP servers read them: destructured from the request, a handler
// registered by name, a helper checked inside that returns the path.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const low = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {} } });

low.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args = {} } = request.params;
  if (name !== 'read') throw new Error('unknown tool');
  // expect: ts/path-traversal "String(args.file)"
  const text = await readFile(String(args.file), 'utf8');
  return { content: [{ type: 'text', text }] };
});

const server = new McpServer({ name: 'files', version: '1.0.0' });

async function readHandler(args: { file: string }) {
  // expect: ts/path-traversal "path.join('/srv/files', args.file)"
  const text = await readFile(resolveInside('/srv/files', args.file), 'utf8');
  return { content: [{ type: 'text' as const, text }] };
}

server.registerTool('read_file', { inputSchema: { file: z.string().max(200) } }, readHandler);

/** Resolves target against base; throws when the result is outside base. */
function resolveInside(base: string, target: string): string {
  const resolved = path.resolve(base, target);
  const relative = path.relative(base, resolved);
  if (relative === '..' || relative.startsWith('..' + path.sep) || path.isAbsolute(relative)) {
    throw new Error('Path is outside the allowed folder');
  }
  return resolved;
}
