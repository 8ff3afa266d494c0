// A stdio MCP server logging to stderr.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import pino from 'pino';
import winston from 'winston';

// ok: mcp/stdout-logging
const logger = pino({ level: 'info' }, pino.destination(2));
const audit = winston.createLogger({
  // ok: mcp/stdout-logging
  transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'] })],
});

const server = new McpServer({ name: 'notes', version: '1.0.0' });
// ok: mcp/stdout-logging
console.error('starting notes server');
await server.connect(new StdioServerTransport());
// ok: mcp/stdout-logging
console.warn('connected');
// ok: mcp/stdout-logging
process.stderr.write('ready\n');
// ok: mcp/stdout-logging
logger.info({ audit }, 'ok');
