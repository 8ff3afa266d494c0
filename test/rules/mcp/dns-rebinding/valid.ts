// Protected transports.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';

const app = express();
app.use(helmet(), rateLimit());
const bearer = requireBearerAuth({ verifier: { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: [] }) } });
const options = { sessionIdGenerator: undefined };

app.post('/mcp', bearer, async (req, res) => {
  // ok: mcp/dns-rebinding
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000', 'localhost:3000'] });
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp2', bearer, async (req, res) => {
  // ok: mcp/dns-rebinding
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedOrigins: ['https://app.example.com'] });
  await transport.handleRequest(req, res, req.body);
});

app.get('/sse', bearer, async (req, res) => {
  // ok: mcp/dns-rebinding
  const transport = new SSEServerTransport('/messages', res, { enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] });
  await transport.start();
});

app.post('/mcp3', bearer, async (req, res) => {
  // ok: mcp/dns-rebinding
  const transport = new StreamableHTTPServerTransport(options);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp4', bearer, async (req, res) => {
  const hosts = (process.env.ALLOWED_HOSTS ?? '').split(',');
  // ok: mcp/dns-rebinding
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: hosts });
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, '127.0.0.1');
