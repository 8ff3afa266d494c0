// Schemas that constrain the content: an enum, a regex. What they let through cannot climb
// out of the folder.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const ReportArgs = z.object({
  report: z.enum(['daily', 'weekly']),
  slug: z.string().regex(/^[a-z0-9-]{1,40}$/),
});
const low = new Server({ name: 'reports', version: '1.0.0' }, { capabilities: { tools: {} } });

low.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { report, slug } = ReportArgs.parse(request.params.arguments);
  // ok: ts/path-traversal
  const text = await readFile(path.join('/srv/reports', report, `${slug}.md`), 'utf8');
  return { content: [{ type: 'text', text }] };
});

const server = new McpServer({ name: 'themes', version: '1.0.0' });

server.tool('theme', { name: z.enum(['light', 'dark']) }, async ({ name }) => {
  // ok: ts/path-traversal
  const css = await readFile(path.join('/srv/themes', `${name}.css`), 'utf8');
  return { content: [{ type: 'text', text: css }] };
});

server.tool('theme2', { name: z.enum(['light', 'dark']) }, async (args) => {
  // ok: ts/path-traversal
  const css = await readFile(path.join('/srv/themes', `${args.name}.css`), 'utf8');
  return { content: [{ type: 'text', text: css }] };
});
