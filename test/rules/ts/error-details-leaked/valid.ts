// Traps: error handling that keeps details on the server.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

// Project-level findings for this bare app (no helmet, limiter or authentication here):
// expect: ts/missing-auth "express()" expect: ts/missing-helmet "express()" expect: ts/missing-rate-limit "express()"
const app = express();
const server = new McpServer({ name: 'files', version: '1.0.0' });
declare function doWork(): Promise<{ message: string }>;
declare function validate(input: unknown): string | undefined;

app.get('/report', async (req, res) => {
  try {
    const result = await doWork();
    // ok: ts/error-details-leaked
    res.json({ message: result.message });
  } catch (error) {
    // The guide's own "Good" example.
    console.error('Internal error:', error);
    // ok: ts/error-details-leaked
    return res.status(500).json({ error: 'An internal error occurred' });
  }
});

app.post('/items', (req, res) => {
  try {
    doWork();
  } catch (err) {
    // A 4xx answer carries a message meant for the client.
    // ok: ts/error-details-leaked
    return res.status(400).json({ error: err.message });
  }
});

app.post('/check', (req, res) => {
  const error = validate(req.body);
  // ok: ts/error-details-leaked
  if (error) return res.json({ error });
  res.json({ ok: true });
});

app.get('/code', async (req, res) => {
  try {
    await doWork();
  } catch (err) {
    // ok: ts/error-details-leaked
    res.status(500).json({ code: err.code });
  }
});

server.tool('run', {}, async () => {
  try {
    await doWork();
    return { content: [{ type: 'text', text: 'done' }] };
  } catch (e) {
    console.error('run failed', e);
    // ok: ts/error-details-leaked
    return { content: [{ type: 'text', text: 'The tool failed; see the server log.' }], isError: true };
  }
});

export { app, server };
