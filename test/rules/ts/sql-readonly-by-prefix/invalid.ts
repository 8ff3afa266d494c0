// "Read-only" query tools over pg that let through any SQL beginning with SELECT.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Pool } from 'pg';
import { z } from 'zod';

const pool = new Pool();
const server = new McpServer({ name: 'warehouse', version: '1.0.0' });

server.tool('run_query', { sql: z.string().max(4000) }, async ({ sql }) => {
  // expect: ts/sql-readonly-by-prefix "sql.trim().toLowerCase().startsWith('select')"
  if (!sql.trim().toLowerCase().startsWith('select')) {
    return { content: [{ type: 'text', text: 'Only SELECT queries are allowed' }], isError: true };
  }
  const result = await pool.query(sql);
  return { content: [{ type: 'text', text: JSON.stringify(result.rows) }] };
});

const READ_ONLY = /^\s*select\b/i;
export async function readRows(query: string) {
  // expect: ts/sql-readonly-by-prefix "READ_ONLY.test(query)"
  if (!READ_ONLY.test(query)) throw new Error('read-only');
  return (await pool.query(query)).rows;
}

// WITH let in as well: a writing CTE gets through.
export async function report(text: string) {
  const normalized = text.trim().toUpperCase();
  // expect: ts/sql-readonly-by-prefix "['SELECT', 'WITH'].some((keyword) => normalized.startsWith(keyword))"
  if (['SELECT', 'WITH'].some((keyword) => normalized.startsWith(keyword))) {
    return pool.query({ text });
  }
  throw new Error('Only read queries');
}

// A helper that does the check, called before running the same text.
function isSelect(statement: string): boolean {
  // expect: ts/sql-readonly-by-prefix "/^\\s*(select|explain)\\s/i.test(statement)"
  return /^\s*(select|explain)\s/i.test(statement);
}
export async function explore(input: { sql: string }) {
  if (!isSelect(input.sql)) return { error: 'only SELECT or EXPLAIN' };
  const client = await pool.connect();
  try {
    return await client.query(input.sql);
  } finally {
    client.release();
  }
}

export async function firstWord(sql: string) {
  // expect: ts/sql-readonly-by-prefix "sql.trim().split(/\\s+/)[0].toLowerCase() !== 'select'"
  if (sql.trim().split(/\s+/)[0].toLowerCase() !== 'select') throw new Error('SELECT only');
  return pool.query(sql);
}

export function byIndex(sql: string) {
  // expect: ts/sql-readonly-by-prefix "sql.toUpperCase().indexOf('SELECT') === 0"
  return sql.toUpperCase().indexOf('SELECT') === 0 ? pool.query(sql) : Promise.reject(new Error('read-only'));
}
