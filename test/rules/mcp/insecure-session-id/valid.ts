// Secure generators and stateless transports.
import { randomBytes, randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const common = { enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] };
const makeId = () => randomUUID();

// ok: mcp/insecure-session-id
export const a = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: () => randomUUID() });
// ok: mcp/insecure-session-id
export const b = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: undefined });
// ok: mcp/insecure-session-id
export const c = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: () => randomBytes(16).toString('hex') });
// ok: mcp/insecure-session-id
export const d = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: makeId });
// ok: mcp/insecure-session-id
export const e = new StreamableHTTPServerTransport({ ...common, sessionIdGenerator: () => crypto.randomUUID() });
