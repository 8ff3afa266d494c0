// Tool results and responses that carry words the code wrote: a helper's message parameter, and
// the messages of error classes the code throws itself.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { QuotaExceeded } from './errors';

class ToolInputError extends Error {}
declare function lookup(id: string): Promise<string | undefined>;

const server = new McpServer({ name: 'notes', version: '1.0.0' });

/** The tool's error result, with a message the tool writes. */
function toolError(error: string) {
  // ok: ts/error-details-leaked
  return { content: [{ type: 'text' as const, text: `Error: ${error}` }], isError: true };
}

// Untyped, and called only with the code's own words.
const failure = (error) => ({
  // ok: ts/error-details-leaked
  content: [{ type: 'text', text: error }],
  isError: true,
});

server.tool('read_note', { id: z.string().max(64) }, async ({ id }) => {
  const note = await lookup(id);
  if (!note) return toolError(`No note with id ${id}`);
  if (note.length > 10_000) return failure('The note is too long to return.');
  return { content: [{ type: 'text', text: note }] };
});

server.tool('rename_note', { id: z.string().max(64), title: z.string().max(200) }, async ({ id, title }) => {
  try {
    if (title.trim() === '') throw new ToolInputError('The title must not be empty.');
    await lookup(id);
    return { content: [{ type: 'text', text: 'Renamed.' }] };
  } catch (e) {
    // ok: ts/error-details-leaked
    if (e instanceof ToolInputError) return { content: [{ type: 'text', text: e.message }], isError: true };
    // ok: ts/error-details-leaked
    const text = e instanceof McpError ? e.message : 'The tool failed; see the server log.';
    return { content: [{ type: 'text', text }], isError: true };
  }
});

server.tool('check_input', { raw: z.string().max(1000) }, async ({ raw }) => {
  try {
    z.object({ n: z.number() }).parse(JSON.parse(raw));
    return { content: [{ type: 'text', text: 'valid' }] };
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    // ok: ts/error-details-leaked
    return { content: [{ type: 'text', text: `Invalid input: ${error.message}` }], isError: true };
  }
});

const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer', { session: false }));
app.post('/notes', async (req, res) => {
  try {
    await lookup(String(req.body.id));
    res.json({ ok: true });
  } catch (err) {
    // ok: ts/error-details-leaked
    if (err instanceof QuotaExceeded) return res.status(503).json({ error: err.message });
    console.error('Internal error:', err);
    // ok: ts/error-details-leaked
    res.status(500).json({ error: 'An internal error occurred' });
  }
});

export { app, server };
