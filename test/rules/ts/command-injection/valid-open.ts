// Openers given constants, fixed hosts, or URLs whose scheme was checked.
import open from 'open';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'browser', version: '1.0.0' });

// ok: ts/command-injection
await open('https://docs.example.com/start');

server.tool('search', { query: z.string().max(200) }, async ({ query }) => {
  // ok: ts/command-injection
  await open(`https://search.example.com/?q=${encodeURIComponent(query)}`);
  return { content: [{ type: 'text', text: 'searching' }] };
});

export class DeskOAuthProvider {
  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    if (authorizationUrl.protocol !== 'https:' && authorizationUrl.protocol !== 'http:')
      throw new Error('refusing a non-web authorization URL');
    // ok: ts/command-injection
    await open(authorizationUrl.toString());
  }
}

export async function beginLogin(issuer: string) {
  const metadata = await (await fetch(new URL('/.well-known/oauth-authorization-server', issuer))).json();
  const target = new URL(metadata.authorization_endpoint);
  if (!['https:', 'http:'].includes(target.protocol)) throw new Error('bad scheme');
  // ok: ts/command-injection
  await open(target.href);
}

export async function openLocal(port: number) {
  // ok: ts/command-injection
  await open(`http://localhost:${port}/`);
}

const opener = { open: (url: string) => url.length };
export function notThePackage(url: string) {
  // ok: ts/command-injection
  return opener.open(url);
}
