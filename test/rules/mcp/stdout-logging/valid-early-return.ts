// The HTTP mode returns before the stdio transport is created: its logging never shares stdout
// with the protocol.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { serveHttp } from './http-transport.js';

const server = new McpServer({ name: 'tickets', version: '1.0.0' });

export async function start(mode: string) {
  if (mode === 'http') {
    serveHttp(8080).on('listening', () => {
      // ok: mcp/stdout-logging
      console.log('listening on 8080');
    });
    return;
  }
  // ok: mcp/stdout-logging
  console.error('stdio mode');
  await server.connect(new StdioServerTransport());
}
