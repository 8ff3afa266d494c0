// A file that validates Origin itself.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';

const app = express();
app.use(helmet(), rateLimit());
const bearer = requireBearerAuth({ verifier: { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: [] }) } });
const allowed = new Set(['https://app.example.com']);

app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && !allowed.has(origin)) return res.sendStatus(403);
  next();
});

app.post('/mcp', bearer, async (req, res) => {
  // ok: mcp/dns-rebinding
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, '127.0.0.1');
