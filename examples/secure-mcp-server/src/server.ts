// An MCP server over HTTP that follows the BLAH security guide. TLS ends at nginx (nginx.conf).
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { validateApiKey } from './auth.js';
import { config } from './config.js';
import { findUser, searchNotes } from './db.js';
import { readUserFile } from './files.js';
import { logger } from './logger.js';

const app = express();
app.set('trust proxy', 1);
app.use(helmet());
app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));
app.use(express.json({ limit: '100kb' }));
app.use(validateApiKey);

const server = new McpServer({ name: 'secure-notes', version: '1.0.0' });

server.tool('get_user', { userId: z.string().uuid() }, async ({ userId }) => {
  try {
    const user = await findUser(userId);
    return { content: [{ type: 'text', text: JSON.stringify(user ?? null) }] };
  } catch (error) {
    logger.error('get_user failed', { error });
    return { content: [{ type: 'text', text: 'An internal error occurred' }], isError: true };
  }
});

server.tool('search_notes', { owner: z.string().max(64), text: z.string().max(200) }, async ({ owner, text }) => {
  const notes = await searchNotes(owner, text);
  return { content: [{ type: 'text', text: JSON.stringify(notes) }] };
});

server.tool('read_file', { path: z.string().max(256) }, async ({ path }) => {
  const body = await readUserFile(path);
  return { content: [{ type: 'text', text: body }] };
});

app.post('/mcp', async (req, res) => {
  logger.info('MCP request', { method: req.body?.method });
  try {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableDnsRebindingProtection: true,
      allowedHosts: [`127.0.0.1:${config.port}`, `localhost:${config.port}`],
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    logger.error('Internal error', { error });
    res.status(500).json({ error: 'An internal error occurred' });
  }
});

// Behind nginx on the same host: listen on loopback only.
app.listen(config.port, '127.0.0.1', () => {
  logger.info('MCP server listening', { port: config.port });
});
