// console.log is fine in a server that does not use the stdio transport.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export const server = new McpServer({ name: 'notes', version: '1.0.0' });
// ok: mcp/stdout-logging
console.log('HTTP server starting');
