// Local MCP HTTP servers listening on every interface.
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

// expect: mcp/listen-all-interfaces "listen" expect: ts/http-server "app.listen"
app.listen(3000);
// expect: mcp/listen-all-interfaces "'0.0.0.0'" expect: ts/http-server "app.listen"
app.listen(3001, '0.0.0.0');
// expect: mcp/listen-all-interfaces "listen" expect: ts/http-server "app.listen"
app.listen(3002, () => console.error('up'));
const server = http.createServer(app);
// expect: mcp/listen-all-interfaces "'::'" expect: ts/http-server "server.listen"
server.listen({ port: 3003, host: '::' });
// expect: mcp/listen-all-interfaces "listen" expect: ts/http-server "server.listen"
server.listen({ port: 3004 });
