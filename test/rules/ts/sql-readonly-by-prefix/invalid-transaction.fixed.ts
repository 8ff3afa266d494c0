// A read-only transaction the query's own text can end (pg's simple protocol runs every statement).
import pg from 'pg';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const pool = new pg.Pool();
const server = new Server({ name: 'pg-read', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  // expect: mcp/tool-without-input-schema "request.params.arguments"
  const sql = String(request.params.arguments?.sql);
  const client = await pool.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    // expect: ts/sql-readonly-by-prefix "sql"
    const result = await client.query({ text: sql, queryMode: 'extended' });
    return { content: [{ type: 'text', text: JSON.stringify(result.rows) }] };
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
});
