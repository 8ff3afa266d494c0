// Client transports to servers the code names.
import express from 'express';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const app = express.Router();
const upstream = new URL('https://tools.example.com/sse');

app.get('/sse', async (req, res) => {
  // ok: ts/ssrf
  const transport = new SSEClientTransport(upstream);
  await transport.start();
  res.end();
});

app.get('/named', async (req, res) => {
  // ok: ts/ssrf
  const transport = new SSEClientTransport(new URL(`https://tools.example.com/${encodeURIComponent(String(req.query.name))}`));
  await transport.start();
  res.end();
});
