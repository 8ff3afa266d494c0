// An Origin check described in comments and strings is not an Origin check.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';

const app = express();
app.use(helmet(), rateLimit());
const bearer = requireBearerAuth({ verifier: { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: [] }) } });

// The reverse proxy compares req.headers.origin with the allow-list (see deploy/README).
/* if (req.headers['host'] !== expected) return res.sendStatus(403); */
app.post('/mcp', bearer, async (req, res) => {
  // expect: mcp/dns-rebinding "StreamableHTTPServerTransport"
  const transport = new StreamableHTTPServerTransport({ enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000', 'localhost:3000'], sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, '127.0.0.1');
