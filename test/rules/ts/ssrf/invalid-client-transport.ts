// An MCP proxy that connects its client to whatever server the request names.
import express from 'express';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const app = express.Router();

app.get('/sse', async (req, res) => {
  // expect: ts/ssrf "new URL(String(req.query.url))"
  const transport = new SSEClientTransport(new URL(String(req.query.url)));
  await transport.start();
  res.end();
});

app.post('/mcp', async (req, res) => {
  // expect: ts/ssrf "new URL(req.body.server)"
  const transport = new StreamableHTTPClientTransport(new URL(req.body.server));
  await transport.start();
  res.end();
});
