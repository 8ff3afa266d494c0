import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { exec } from 'node:child_process';
import { grepCommand } from './commands.js';

const server = new McpServer({ name: 'grep', version: '1.0.0' });

server.tool('grep', { pattern: z.string().max(200) }, async ({ pattern }) => {
  const output = await new Promise<string>((resolve, reject) =>
    exec(grepCommand(pattern), (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  return { content: [{ type: 'text', text: output }] };
});

await server.connect(new StdioServerTransport());
