// Error details sent to HTTP clients and MCP clients.
import express from 'express';
import { readFile } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

// Project-level findings for this bare app (no helmet, limiter or authentication here):
// expect: ts/missing-auth "express()" expect: ts/missing-helmet "express()" expect: ts/missing-rate-limit "express()"
const app = express();
const server = new McpServer({ name: 'files', version: '1.0.0' });
declare function doWork(): Promise<void>;

app.get('/report', async (req, res) => {
  try {
    await doWork();
    res.json({ ok: true });
  } catch (error) {
    // The guide's own "Bad" example.
    // expect: ts/error-details-leaked "error.message"
    // expect: ts/error-details-leaked "error.stack"
    return res.status(500).json({ error: error.message, stack: error.stack });
  }
});

app.get('/work', (req, res) => {
  doWork().catch((err) => {
    // expect: ts/error-details-leaked "err"
    res.status(500).send(err);
  });
});

app.get('/file', (req, res) => {
  readFile('/srv/data.txt', 'utf8', (err, data) => {
    // expect: ts/error-details-leaked "err.message"
    if (err) return res.end(err.message);
    res.send(data);
  });
});

server.tool('read_file', { path: z.string().max(200) }, async ({ path }) => {
  try {
    return { content: [{ type: 'text', text: await doWork().then(() => path) }] };
  } catch (e) {
    // expect: ts/error-details-leaked "`Failed: ${e}`"
    return { content: [{ type: 'text', text: `Failed: ${e}` }], isError: true };
  }
});

// Express error middleware.
app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
  // expect: ts/error-details-leaked "String(err)"
  res.status(500).json({ message: String(err) });
});

export { app, server };
