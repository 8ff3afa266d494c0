// Guessable session ids.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

let counter = 0;
const common = { enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] };

// expect: mcp/insecure-session-id "() => Math.random().toString(36).slice(2)"
export const a = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: () => Math.random().toString(36).slice(2) });
// expect: mcp/insecure-session-id "() => String(Date.now())"
export const b = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: () => String(Date.now()) });
// expect: mcp/insecure-session-id "() => `session-${++counter}`"
export const c = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: () => `session-${++counter}` });
export const d = new StreamableHTTPServerTransport({
  ...common,
  // expect: mcp/insecure-session-id "function () {…"
  sessionIdGenerator: function () {
    return new Date().toISOString();
  },
});
// expect: mcp/insecure-session-id "() => (counter++).toString()"
export const e = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: () => (counter++).toString() });
