// A server that picks its transport at startup: stdout is the protocol stream only in the branch
// that creates the stdio transport.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { serveHttp } from './http-transport.js';

const server = new McpServer({ name: 'tickets', version: '1.0.0' });

if (process.env.TICKETS_HTTP_PORT) {
  serveHttp(Number(process.env.TICKETS_HTTP_PORT));
  // ok: mcp/stdout-logging
  console.log('tickets server listening over HTTP');
} else if (process.env.TICKETS_SOCKET) {
  // ok: mcp/stdout-logging
  console.info('socket mode is not built yet');
} else {
  // ok: mcp/stdout-logging
  console.error('tickets server on stdio');
  await server.connect(new StdioServerTransport());
}
