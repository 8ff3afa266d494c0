// better-sqlite3 runs one statement per prepare(), so this is a note (info): the prefix is still
// no read-only guarantee. exec() runs every statement: a warning.
import Database from 'better-sqlite3';

const db = new Database('app.db');

export function select(sql: string) {
  const upper = sql.trim().toUpperCase();
  // expect: ts/sql-readonly-by-prefix "upper.startsWith('SELECT')"
  if (!upper.startsWith('SELECT')) throw new Error('Only SELECT statements are allowed');
  return db.prepare(sql).all();
}

export function script(sql: string) {
  // expect: ts/sql-readonly-by-prefix "sql.match(/^\\s*select/i)"
  if (sql.match(/^\s*select/i)) {
    db.exec(sql);
    return 'done';
  }
  return 'refused';
}

export function firstSix(sql: string) {
  // expect: ts/sql-readonly-by-prefix "sql.slice(0, 6).toLowerCase() === 'select'"
  if (sql.slice(0, 6).toLowerCase() === 'select') return db.prepare(sql).get();
  throw new Error('read-only');
}
