// Logging that still reaches stdout while the stdio transport may be the one running.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'tickets', version: '1.0.0' });

if (process.env.TICKETS_VERBOSE) {
  // expect: mcp/stdout-logging "console.log"
  console.error('verbose mode');
}

if (process.env.TICKETS_HTTP) {
  console.error('HTTP mode is configured elsewhere');
} else {
  // expect: mcp/stdout-logging "console.log"
  console.error('starting on stdio');
  await server.connect(new StdioServerTransport());
}

process.on('SIGTERM', () => {
  // expect: mcp/stdout-logging "console.info"
  console.error('stopping');
  process.exit(0);
});

// A second stdio transport outside the if: the HTTP branch's log may share stdout with it.
export async function restart(http: boolean) {
  if (http) {
    // expect: mcp/stdout-logging "console.log"
    console.error('restarting over HTTP');
  } else {
    await server.connect(new StdioServerTransport());
  }
  await server.connect(new StdioServerTransport());
}
