// Hand-written checks that leave a field, or the whole object, unchecked before use.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const options = { capabilities: { tools: {} } };

// One field checked, another used as it came.
class Labels {
  rename(input: unknown) {
    const data = input as Record<string, unknown>;
    if (typeof data.from !== 'string') throw new Error('from must be a string');
    return { content: [{ type: 'text', text: `${data.from} -> ${String(data.to).trim()}` }] };
  }
}
const labels = new Labels();
const first = new Server({ name: 'labels', version: '1.0.0' }, options);
// expect: mcp/tool-without-input-schema "request.params.arguments"
first.setRequestHandler(CallToolRequestSchema, async (request) => labels.rename(request.params.arguments));

// The field is used before it is checked.
function greet(args: Record<string, unknown> | undefined) {
  const name = String(args?.name).toUpperCase();
  if (typeof args?.name !== 'string') throw new Error('name must be a string');
  return { content: [{ type: 'text', text: `hello ${name}` }] };
}
const second = new Server({ name: 'greeter', version: '1.0.0' }, options);
// expect: mcp/tool-without-input-schema "request.params.arguments"
second.setRequestHandler(CallToolRequestSchema, async (request) => greet(request.params.arguments));

// A check that only logs lets every value through; and the whole object goes on unchecked.
const remember: unknown[] = [];
function store(args: Record<string, unknown>) {
  if (typeof args.note !== 'string') console.error('note is not a string');
  remember.push(args);
  return { content: [{ type: 'text', text: 'stored' }] };
}
const third = new Server({ name: 'memo', version: '1.0.0' }, options);
third.setRequestHandler(CallToolRequestSchema, async (request) =>
  // expect: mcp/tool-without-input-schema "request.params.arguments"
  store(request.params.arguments ?? {}),
);
