// HTTP transports without Host/Origin validation.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';

const PORT = 3000;
const app = express();
app.use(helmet(), rateLimit());
const bearer = requireBearerAuth({ verifier: { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: [] }) } });

app.post('/mcp', bearer, async (req, res) => {
  // expect: mcp/dns-rebinding "StreamableHTTPServerTransport"
  const transport = new StreamableHTTPServerTransport({ enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000', 'localhost:3000'], sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp2', bearer, async (req, res) => {
  // expect: mcp/dns-rebinding "StreamableHTTPServerTransport"
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true });
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp3', bearer, async (req, res) => {
  // expect: mcp/dns-rebinding "StreamableHTTPServerTransport"
  const transport = new StreamableHTTPServerTransport({ enableDnsRebindingProtection: true, sessionIdGenerator: undefined, allowedHosts: ['localhost:3000'] });
  await transport.handleRequest(req, res, req.body);
});

app.get('/sse', bearer, async (req, res) => {
  // expect: mcp/dns-rebinding "SSEServerTransport"
  const transport = new SSEServerTransport('/messages', res, { enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000', 'localhost:3000'] });
  await transport.start();
});

app.post('/mcp4', bearer, async (req, res) => {
  // expect: mcp/dns-rebinding "StreamableHTTPServerTransport"
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: [] });
  await transport.handleRequest(req, res, req.body);
});

app.listen(PORT, '127.0.0.1');
