// MCP endpoints over HTTP that anyone can call.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const server = new McpServer({ name: 'notes', version: '1.0.0' });
// expect: ts/missing-auth "express()"
const app = express();
app.use(helmet(), rateLimit(), express.json());

app.post('/mcp', async (req, res) => {
  // expect: mcp/http-transport-without-auth "StreamableHTTPServerTransport"
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/sse', async (req, res) => {
  // expect: mcp/http-transport-without-auth "SSEServerTransport"
  const transport = new SSEServerTransport('/messages', res, { enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] });
  await server.connect(transport);
});

const router = express.Router();
router.all('/v2/mcp', express.json(), async (req, res) => {
  // expect: mcp/http-transport-without-auth "StreamableHTTPServerTransport"
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

async function handle(req: express.Request, res: express.Response) {
  // expect: mcp/http-transport-without-auth "StreamableHTTPServerTransport"
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] });
  await transport.handleRequest(req, res);
}
router.post('/v3/mcp', handle);

app.post('/v4/mcp', (req, res) => {
  const make = () => {
    // expect: mcp/http-transport-without-auth "StreamableHTTPServerTransport"
    return new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] });
  };
  void make().handleRequest(req, res);
});

export { app, router };
