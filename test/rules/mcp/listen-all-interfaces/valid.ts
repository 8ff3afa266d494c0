// Bound to localhost, or configured.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import http from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(helmet(), rateLimit(), requireBearerAuth({ verifier: { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: [] }) } }));
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] });
app.post('/mcp', (req, res) => transport.handleRequest(req, res, req.body));

// ok: mcp/listen-all-interfaces
app.listen(3000, '127.0.0.1');
// ok: mcp/listen-all-interfaces
app.listen(3001, 'localhost', () => console.error('up'));
// ok: mcp/listen-all-interfaces
app.listen(3002, process.env.HOST ?? '127.0.0.1');
const server = http.createServer(app);
// ok: mcp/listen-all-interfaces
server.listen({ port: 3003, host: '127.0.0.1' });
const socket = { listen: (port: number) => port };
// ok: mcp/listen-all-interfaces
socket.listen(3004);
