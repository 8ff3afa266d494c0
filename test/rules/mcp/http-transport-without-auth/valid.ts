// MCP endpoints behind authentication.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';

const server = new McpServer({ name: 'notes', version: '1.0.0' });
const verifier = { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: [] }) };
const bearer = requireBearerAuth({ verifier });
const options = { sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] };

const app = express();
app.use(helmet(), rateLimit(), express.json());

app.post('/mcp', bearer, async (req, res) => {
  // ok: mcp/http-transport-without-auth
  const transport = new StreamableHTTPServerTransport(options);
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/key', async (req, res) => {
  // expect: ts/api-key-timing-compare
  if (req.get('x-api-key') !== process.env.MCP_KEY) return res.sendStatus(401);
  // ok: mcp/http-transport-without-auth
  const transport = new StreamableHTTPServerTransport(options);
  await transport.handleRequest(req, res, req.body);
});

const secured = express.Router();
secured.use(bearer);
secured.post('/mcp', async (req, res) => {
  // ok: mcp/http-transport-without-auth
  const transport = new StreamableHTTPServerTransport(options);
  await transport.handleRequest(req, res, req.body);
});

// ok: mcp/http-transport-without-auth
export const shared = new StreamableHTTPServerTransport(options);

class StreamableHTTPServerTransportMock { constructor(public o: object) {} }
// ok: mcp/http-transport-without-auth
export const mock = new StreamableHTTPServerTransportMock({});

export { app, secured };
