// Low-level handlers whose arguments are checked by hand, with typeof, before any use.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const options = { capabilities: { tools: {} } };

// Two calls deep: the handler hands the arguments to a method, which hands them to a checker.
class Journal {
  private entries: string[] = [];
  private checked(input: unknown): { entry: string; mood?: unknown } {
    const data = input as Record<string, unknown>;
    if (!data.entry || typeof data.entry !== 'string') {
      throw new Error('entry must be a non-empty string');
    }
    return { entry: data.entry, mood: data.mood };
  }
  write(input: unknown) {
    const valid = this.checked(input);
    this.entries.push(valid.entry);
    return { content: [{ type: 'text', text: `${this.entries.length} entries` }] };
  }
}
const journal = new Journal();
const first = new Server({ name: 'journal', version: '1.0.0' }, options);
// ok: mcp/tool-without-input-schema
first.setRequestHandler(CallToolRequestSchema, async (request) => journal.write(request.params.arguments));

// A function of the file that rejects wrong types and uses the fields after the checks.
function countWords(args: Record<string, unknown> | undefined) {
  if (typeof args?.text !== 'string') return { content: [{ type: 'text', text: 'text is required' }], isError: true };
  if (typeof args.limit !== 'number') throw new Error('limit must be a number');
  return { content: [{ type: 'text', text: String(args.text.split(/\s+/).slice(0, args.limit).length) }] };
}
const second = new Server({ name: 'words', version: '1.0.0' }, options);
// ok: mcp/tool-without-input-schema
second.setRequestHandler(CallToolRequestSchema, async (request) => countWords(request.params.arguments));

// The same checks written in the handler, on a name given to the arguments.
const third = new Server({ name: 'echo', version: '1.0.0' }, options);
third.setRequestHandler(CallToolRequestSchema, async (request) => {
  // ok: mcp/tool-without-input-schema
  const { message } = request.params.arguments ?? {};
  if (typeof message !== 'string') throw new Error('message must be a string');
  return { content: [{ type: 'text', text: message }] };
});
