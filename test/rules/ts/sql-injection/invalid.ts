// SQL built by splicing values, with the pg driver ($1 placeholders).
import { Pool } from 'pg';

const db = new Pool();
const TABLE = 'orders';

export async function getUser(id: string) {
  // expect: ts/sql-injection "`SELECT * FROM users WHERE id = ${id}`"
  return db.query(`SELECT * FROM users WHERE id = ${id}`);
}

export async function search(name: string) {
  // expect: ts/sql-injection "`SELECT * FROM users WHERE name LIKE '%${name}%'`"
  return db.query(`SELECT * FROM users WHERE name LIKE '%${name}%'`);
}

export async function byEmail(email: string) {
  // expect: ts/sql-injection "\"SELECT id FROM users WHERE email = '\" + email + \"'\""
  return db.query("SELECT id FROM users WHERE email = '" + email + "'");
}

export async function orders(userId: string, status: string) {
  // expect: ts/sql-injection "`SELECT * FROM ${TABLE} WHERE user_id = ${userId} AND status = '${status}'`"
  return db.query(`SELECT * FROM ${TABLE} WHERE user_id = ${userId} AND status = '${status}'`);
}

export async function deleteSession(id: string) {
  const sql = `DELETE FROM sessions WHERE id = '${id}'`;
  // expect: ts/sql-injection "sql"
  return db.query(sql);
}

export function handler(req: { query: { owner: string } }) {
  // expect: ts/sql-injection "`SELECT * FROM items WHERE owner = ${req.query.owner}`"
  return db.query(`SELECT * FROM items WHERE owner = ${req.query.owner}`, (err: Error | null) => err);
}

// A placeholder cannot stand for a column: no automatic fix, the docs show an allow-list.
export function sorted(req: { query: { sort: string } }) {
  // expect: ts/sql-injection "`SELECT * FROM items ORDER BY ${req.query.sort}`"
  return db.query(`SELECT * FROM items ORDER BY ${req.query.sort}`);
}
