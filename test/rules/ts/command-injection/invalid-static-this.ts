// `this.run()` inside a static method calls the static member.
import { execSync } from 'node:child_process';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

class Converter {
  private static run(file: string): string {
    // expect: ts/command-injection "`pandoc ${file} -t markdown`"
    return execSync(`pandoc ${file} -t markdown`, { encoding: 'utf8' });
  }

  static convert(file: string): string {
    return this.run(file);
  }
}

const server = new McpServer({ name: 'convert', version: '1.0.0' });
server.tool('convert', { file: z.string().max(200) }, async ({ file }) => ({
  content: [{ type: 'text', text: Converter.convert(file) }],
}));
