// Exception details in MCP tool results: messages of errors the code did not write, stacks, and
// helpers that are handed caught errors.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

class ToolInputError extends Error {}
declare function fetchNote(id: string): Promise<string>;

const server = new McpServer({ name: 'notes', version: '1.0.0' });

function errorResult(error: unknown) {
  // expect: ts/error-details-leaked "`Error: ${error instanceof Error ? error.message : String(error)}`"
  return { content: [{ type: 'text' as const, text: `Error: ${error instanceof Error ? error.message : String(error)}` }], isError: true };
}

function failed(error: string) {
  // expect: ts/error-details-leaked "error"
  return { content: [{ type: 'text' as const, text: error }], isError: true };
}

server.tool('get_note', { id: z.string().max(64) }, async ({ id }) => {
  try {
    return { content: [{ type: 'text', text: await fetchNote(id) }] };
  } catch (e) {
    return errorResult(e);
  }
});

server.tool('copy_note', { id: z.string().max(64) }, async ({ id }) => {
  try {
    return { content: [{ type: 'text', text: await fetchNote(id) }] };
  } catch (e) {
    if (id === '') return failed('An id is required.');
    return failed((e as Error).message);
  }
});

server.tool('move_note', { id: z.string().max(64) }, async ({ id }) => {
  try {
    return { content: [{ type: 'text', text: await fetchNote(id) }] };
  } catch (e) {
    // A stack trace is never the tool's own words, whatever the error class.
    // expect: ts/error-details-leaked "String(e.stack)"
    if (e instanceof ToolInputError) return { content: [{ type: 'text', text: String(e.stack) }], isError: true };
    // expect: ts/error-details-leaked "e.message"
    return { content: [{ type: 'text', text: e instanceof Error ? e.message : 'failed' }], isError: true };
  }
});

export { server };
