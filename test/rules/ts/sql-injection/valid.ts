// Traps: queries that splice nothing an attacker controls.
import { Pool } from 'pg';
import { escape } from 'sqlstring';

const db = new Pool();
const TABLE = 'orders';
const COLUMNS = { name: 'name', created: 'created_at' } as const;
declare const sql: (strings: TemplateStringsArray, ...values: unknown[]) => string;
declare const cache: { query(key: string): unknown };

export async function safe(id: string, limit: string) {
  // ok: ts/sql-injection
  await db.query('SELECT * FROM users WHERE id = $1', [id]);
  // Constant-only template.
  // ok: ts/sql-injection
  await db.query(`SELECT * FROM ${TABLE} WHERE id = $1`, [id]);
  // ok: ts/sql-injection
  await db.query(`SELECT * FROM users ORDER BY ${COLUMNS.created} LIMIT ${Number(limit)}`);
  // A tagged template is parameterized by its tag.
  // ok: ts/sql-injection
  await db.query(sql`SELECT * FROM users WHERE id = ${id}`);
  // Not SQL: a cache key.
  // ok: ts/sql-injection
  cache.query(`user:${id}`);
  // Escaped splices are ts/sql-escape-concatenation's concern, not this rule's.
  // ok: ts/sql-injection
  // expect: ts/sql-escape-concatenation
  await db.query(`SELECT * FROM users WHERE name = ${escape(id)}`);
  const text = 'SELECT count(*) FROM users';
  // ok: ts/sql-injection
  await db.query(text);
  // ok: ts/sql-injection
  await db.query(`SELECT * FROM users WHERE id = ${id.length}`);
}
