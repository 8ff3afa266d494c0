// Traps: prefix checks that guard nothing, and read-only tools made safe another way.
import { Pool } from 'pg';
import { Parser } from 'node-sql-parser';

const pool = new Pool();
const parser = new Parser();
declare const cache: Map<string, unknown>;
declare function log(message: string): void;

// Not run as SQL afterwards.
export function describe(command: string) {
  // ok: ts/sql-readonly-by-prefix
  if (command.toLowerCase().startsWith('select')) return cache.get(command);
  return undefined;
}

// The check picks how to run the statement; both ways run it (a general SQL console, no
// read-only claim).
export async function console(sql: string) {
  // ok: ts/sql-readonly-by-prefix
  if (sql.trim().toUpperCase().startsWith('SELECT')) {
    return (await pool.query(sql)).rows;
  } else {
    return (await pool.query(sql)).rowCount;
  }
}

// A check that refuses nothing.
export async function noted(sql: string) {
  // ok: ts/sql-readonly-by-prefix
  if (!/^\s*select/i.test(sql)) log('not a select');
  return pool.query(sql);
}

// An allow-list of exact queries.
const ALLOWED = new Set(['SELECT count(*) FROM orders', 'SELECT id, name FROM products']);
export async function allowed(sql: string) {
  // ok: ts/sql-readonly-by-prefix
  if (!sql.startsWith('SELECT') || !ALLOWED.has(sql)) throw new Error('not allowed');
  return pool.query(sql);
}

// A parser looks at the whole statement.
export async function parsed(sql: string) {
  const ast = parser.astify(sql);
  const statements = Array.isArray(ast) ? ast : [ast];
  // ok: ts/sql-readonly-by-prefix
  if (statements.length !== 1 || !statements[0].type.startsWith('select')) throw new Error('one SELECT only');
  return pool.query(sql);
}
