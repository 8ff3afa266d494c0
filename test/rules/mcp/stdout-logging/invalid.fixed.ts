// A stdio MCP server writing to stdout.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import pino from 'pino';
import winston from 'winston';

// expect: mcp/stdout-logging "pino({ level: 'info' })"
const logger = pino({ level: 'info' });
const audit = winston.createLogger({
  // expect: mcp/stdout-logging "new winston.transports.Console()"
  transports: [new winston.transports.Console()],
});

const server = new McpServer({ name: 'notes', version: '1.0.0' });
// expect: mcp/stdout-logging "console.log"
console.error('starting notes server');
await server.connect(new StdioServerTransport());
// expect: mcp/stdout-logging "console.info"
console.error('connected');
// expect: mcp/stdout-logging "process.stdout.write"
process.stderr.write('ready\n');
// expect: mcp/stdout-logging "console.debug"
console.error({ logger, audit });
