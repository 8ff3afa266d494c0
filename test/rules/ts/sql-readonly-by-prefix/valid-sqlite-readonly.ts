// A read-only connection: the prefix check cannot be bypassed into a write.
import Database from 'better-sqlite3';

const db = new Database('analytics.db', { readonly: true, fileMustExist: true });

export function select(sql: string) {
  // ok: ts/sql-readonly-by-prefix
  if (!sql.trim().toUpperCase().startsWith('SELECT')) throw new Error('Only SELECT statements');
  return db.prepare(sql).all();
}
