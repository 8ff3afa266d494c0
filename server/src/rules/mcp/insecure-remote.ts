// A remote MCP server reached over plain `http://` on another machine: every request and response
// (tool calls, their results, the `Authorization` header the client sends) crosses the network in
// clear text, and anyone on the path can read or change them. Loopback (`localhost`, `127.x`,
// `[::1]`, `*.localhost`) and the Docker host alias stay on this machine and stay quiet, as does
// a URL whose host is a `${…}` variable. The suggestion switches the scheme to https: it changes
// what is reached (the server must serve TLS), so it is not a safe fix.
import type { McpConfigRule } from '../../languages/mcpconfig/rule';

/** Hosts a client reaches without leaving this machine. */
function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '[::1]' ||
    h === '0.0.0.0' ||
    h === 'host.docker.internal' ||
    /^127(?:\.\d{1,3}){3}$/.test(h)
  );
}

export const insecureRemote: McpConfigRule = {
  id: 'mcp/insecure-remote',
  language: 'mcp-config',
  meta: {
    title: 'Remote MCP server over plain HTTP',
    summary: 'a remote MCP server `url` over `http://` to a host other than loopback',
    severity: 'warning',
    guideSection: 'Network Security › Use HTTPS',
    checklistItem: 'https',
    description:
      "A server's url uses http:// to a host that is not this machine. Tool calls, their results and the Authorization header the client sends cross the network unencrypted: anyone on the path (a shared Wi-Fi, a proxy, the provider) can read the token and change what the model is told.",
    remedy: 'Connect with https:// (or keep a plain-HTTP server on localhost behind a TLS proxy).',
    hasSuggestions: true,
  },
  create(context) {
    return {
      server(server) {
        const url = server.url;
        if (!url) return;
        const m = /^\s*http:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url.value);
        if (!m) return;
        const host = m[1];
        if (host === '' || host.includes('$') || isLocalHost(host)) return;
        const schemeAt = url.value.search(/http:/i);
        const fixed = `${url.value.slice(0, schemeAt)}https:${url.value.slice(schemeAt + 5)}`;
        context.report({
          start: url.start,
          end: url.end,
          message: `The ${server.name} server is reached over plain HTTP at ${host}: its tool calls, results and any Authorization header cross the network unencrypted. Use https://.`,
          fixes: [
            {
              title: 'Connect with https://',
              kind: 'suggestion',
              edits: [{ start: url.start, end: url.end, newText: JSON.stringify(fixed) }],
            },
          ],
        });
      },
    };
  },
};
