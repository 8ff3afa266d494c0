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

// Not SQL statements: words that happen to start like one.
export function label(name: string) {
  // ok: ts/sql-escape-concatenation
  return 'Select a file: ' + escape(name);
}

export function update(name: string) {
  // ok: ts/sql-escape-concatenation
  return `Update available for ${escape(name)}`;
}

// Built SQL whose values are all numbers or constants.
export function byIdStatement(id: string) {
  const safeId = mysql.escape(Number(id));
  // ok: ts/sql-escape-concatenation
  return `SELECT * FROM users WHERE id = ${safeId}`;
}

// Sent to a query call: judged there, once (the invalid fixture covers that), never twice.
export function sentOnce(name: string) {
  const sql = 'SELECT * FROM users WHERE name = ?';
  // ok: ts/sql-escape-concatenation
  return connection.query(sql, [name]);
}
