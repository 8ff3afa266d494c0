// The tool handler passes its argument to a class or an object of the same file, which fetches.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Request } from 'express';

class PageReader {
  async read(address: string): Promise<string> {
    // expect: ts/ssrf "address"
    const response = await fetch(validateUrl(address));
    return response.text();
  }

  static async head(target: string): Promise<number> {
    // expect: ts/ssrf "target"
    return (await fetch(validateUrl(target), { method: 'HEAD' })).status;
  }
}

class Previewer {
  constructor(private readonly reader: PageReader) {}

  private endpoint(host: string): string {
    return `https://${host}/api/preview`;
  }

  async preview(host: string): Promise<string> {
    // expect: ts/ssrf "this.endpoint(host)"
    const response = await fetch(validateUrl(this.endpoint(host)));
    return response.text();
  }

  summarize(page: string): Promise<string> {
    return this.reader.read(page);
  }
}

const webhooks = {
  notify: async (hook: string, body: string) => {
    // expect: ts/ssrf "hook"
    await fetch(validateUrl(hook), { method: 'POST', body });
  },
};

export class ToolServer {
  private readonly server = new Server({ name: 'pages', version: '1.0.0' }, { capabilities: { tools: {} } });
  private readonly previewer = new Previewer(new PageReader());

  constructor() {
    this.server.setRequestHandler(CallToolRequestSchema, async (request) => {
      // expect: mcp/tool-without-input-schema "request.params.arguments"
      const args = request.params.arguments as { url: string; host: string };
      switch (request.params.name) {
        case 'summarize':
          return { content: [{ type: 'text', text: await this.previewer.summarize(args.url) }] };
        case 'preview':
          return { content: [{ type: 'text', text: await this.previewer.preview(args.host) }] };
        case 'status':
          return { content: [{ type: 'text', text: String(await PageReader.head(args.url)) }] };
        default:
          throw new Error('unknown tool');
      }
    });
  }
}

export async function relay(req: Request) {
  await webhooks.notify(String(req.body.callback), 'done');
  const pages = [req.query.first, req.query.second].map(String);
  // expect: ts/ssrf "page"
  return Promise.all(pages.map((page) => fetch(validateUrl(page))));
}

/** Hosts this server may call on a caller's behalf. */
const ALLOWED_HOSTS = new Set<string>(['api.example.com']);

function validateUrl(input: string | URL): URL {
  const url = new URL(input);
  if (url.protocol !== 'https:' || !ALLOWED_HOSTS.has(url.hostname)) {
    throw new Error(`Requests to ${url.hostname} are not allowed`);
  }
  return url;
}
