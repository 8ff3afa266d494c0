// Placeholders, identifiers escaped with escapeId, and escaped numbers.
import mysql from 'mysql2';

const connection = mysql.createConnection({ host: 'localhost' });

export function byName(name: string) {
  // ok: ts/sql-escape-concatenation
  return connection.query('SELECT * FROM users WHERE name = ?', [name]);
}

export function sorted(column: string) {
  // ok: ts/sql-escape-concatenation
  return connection.query(`SELECT * FROM users ORDER BY ${mysql.escapeId(column)}`);
}

export function page(limit: string) {
  // ok: ts/sql-escape-concatenation
  return connection.query(`SELECT * FROM users LIMIT ${mysql.escape(Number(limit))}`);
}

export function constant() {
  // ok: ts/sql-escape-concatenation
  return connection.query(`SELECT * FROM users WHERE role = ${mysql.escape('admin')}`);
}

export function html(text: string) {
  // ok: ts/sql-escape-concatenation
  return `<p>${escape(text)}</p>`;
}
