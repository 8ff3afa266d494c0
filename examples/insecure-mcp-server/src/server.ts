// An MCP server over HTTP with every mistake the BLAH security guide warns about.
import express from 'express';
import cors from 'cors';
import helmet from 'helmet';
import http from 'node:http';
import { exec } from 'node:child_process';
import serveIndex from 'serve-index';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { config } from './config.js';
import { findUser, searchNotes } from './db.js';
import { readUserFile } from './files.js';

const app = express();
app.use(express.json());
app.use(cors());
app.use('/files', serveIndex('/srv/mcp/files'));
app.use(
  helmet.contentSecurityPolicy({
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
    },
  }),
);

const server = new McpServer({ name: 'insecure-notes', version: '1.0.0' });

server.tool('get_user', { userId: z.string() }, async ({ userId }) => {
  try {
    const user = await findUser(userId);
    return { content: [{ type: 'text', text: JSON.stringify(user) }] };
  } catch (error) {
    return { content: [{ type: 'text', text: `Lookup failed: ${error}` }], isError: true };
  }
});

server.tool('search_notes', { owner: z.string(), text: z.string() }, async ({ owner, text }) => {
  const notes = await searchNotes(owner, text);
  return { content: [{ type: 'text', text: JSON.stringify(notes) }] };
});

server.tool('read_file', { path: z.string() }, async ({ path }) => {
  const body = await readUserFile(path);
  return { content: [{ type: 'text', text: body }] };
});

server.tool('fetch_url', { url: z.string() }, async ({ url }) => {
  const response = await fetch(url);
  return { content: [{ type: 'text', text: await response.text() }] };
});

server.tool('run_report', { name: z.string() }, async ({ name }) => {
  return new Promise((resolve) => {
    exec(`./reports/${name}.sh`, (err, stdout) => resolve({ content: [{ type: 'text', text: err ? err.message : stdout }] }));
  });
});

app.post('/mcp', async (req, res) => {
  console.log('MCP request', req.body);
  try {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => Math.random().toString(36) });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    res.status(500).json({ error: error.message, stack: error.stack });
  }
});

app.get('/health', (req, res) => {
  res.json({ ok: true, id: randomUUID() });
});

http.createServer(app).listen(config.port, '0.0.0.0', () => {
  console.log(`MCP server listening on http://0.0.0.0:${config.port} with key ${config.openaiApiKey}`);
});
