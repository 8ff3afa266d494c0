// URLs handed to the system's opener from callers and from remote servers.
import open from 'open';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'browser', version: '1.0.0' });

server.tool('open-page', { link: z.string().url().max(500) }, async ({ link }) => {
  // expect: ts/command-injection "link"
  await open(link);
  return { content: [{ type: 'text', text: 'opened' }] };
});

export async function beginLogin(issuer: string) {
  const response = await fetch(new URL('/.well-known/oauth-authorization-server', issuer));
  const metadata = await response.json();
  const target = new URL(metadata.authorization_endpoint);
  target.searchParams.set('client_id', 'desk-client');
  // expect: ts/command-injection "target.toString()"
  await open(target.toString());
}

export class DeskOAuthProvider {
  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    // expect: ts/command-injection "authorizationUrl.toString()"
    await open(authorizationUrl.toString());
  }
}

export async function openDocs() {
  const { docsUrl } = await (await fetch('https://registry.example.com/tool.json')).json();
  // expect: ts/command-injection "docsUrl"
  await open(docsUrl);
}

server.tool('preview', { file: z.string().max(500) }, async ({ file }) => {
  // expect: ts/command-injection "`${file}`"
  await open(`${file}`, { wait: false });
  return { content: [{ type: 'text', text: 'shown' }] };
});
