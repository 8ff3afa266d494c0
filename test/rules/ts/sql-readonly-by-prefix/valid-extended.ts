// The same transaction with the query sent as one statement, or with no caller's SQL.
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
    // ok: ts/sql-readonly-by-prefix
    const result = await client.query({ text: sql, queryMode: 'extended' });
    // ok: ts/sql-readonly-by-prefix
    const count = await client.query('SELECT count(*) FROM audit_log');
    return { content: [{ type: 'text', text: JSON.stringify([result.rows, count.rows]) }] };
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
});
