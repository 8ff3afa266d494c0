// The handler hands its argument to a class that runs a command: the shape of most published
// MCP command injections, within one file.
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const run = promisify(exec);

class Simulator {
  async tap(x: string, y: string): Promise<void> {
    // expect: ts/command-injection "`simctl io booted tap ${x} ${y}`"
    await run(`simctl io booted tap ${x} ${y}`);
  }

  static async boot(device: string): Promise<void> {
    // expect: ts/command-injection "'simctl boot ' + device"
    await run('simctl boot ' + device);
  }
}

class DeviceTools {
  private readonly simulator = new Simulator();

  register(server: McpServer): void {
    server.tool('tap', { x: z.string().max(8), y: z.string().max(8) }, async ({ x, y }) => {
      await this.simulator.tap(x, y);
      return { content: [] };
    });
    server.tool('boot', { device: z.string().max(64) }, async ({ device }) => {
      await Simulator.boot(device);
      return { content: [] };
    });
    server.tool('list', { filter: z.string().max(64) }, async ({ filter }) => ({ content: [{ type: 'text', text: await this.list(filter) }] }));
  }

  private async list(filter: string): Promise<string> {
    // expect: ts/command-injection "`simctl list devices | grep ${filter}`"
    const { stdout } = await run(`simctl list devices | grep ${filter}`);
    return stdout;
  }
}

export const tools = new DeviceTools();
