// Names chosen by the code: a migration's tables and column types, a cache's own table.
import { Pool } from 'pg';

const pool = new Pool();

export async function createStore(table: string, columnType: string) {
  // ok: ts/sql-injection
  await pool.query(`CREATE TABLE IF NOT EXISTS "${table}" ("key" text PRIMARY KEY, "v" ${columnType})`);
}

export async function dropStore(table: string) {
  // ok: ts/sql-injection
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
}

export async function addColumn(table: string, column: string) {
  // ok: ts/sql-injection
  await pool.query('ALTER TABLE ' + table + ' ADD COLUMN ' + column + ' text');
}

export async function readAll(table: string) {
  // ok: ts/sql-injection
  return pool.query(`SELECT * FROM ${table} LIMIT 100`);
}

export async function sorted(column: string) {
  // ok: ts/sql-injection
  return pool.query(`SELECT id, name FROM items ORDER BY ${column}`);
}
