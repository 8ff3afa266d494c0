// SQL built from escape() output (the guide's own sanitizeInput example).
import mysql from 'mysql2';

const connection = mysql.createConnection({ host: 'localhost' });

export function byName(name: string) {
  // expect: ts/sql-escape-concatenation "'SELECT * FROM users WHERE name = ' + mysql.escape(name)"
  return connection.query('SELECT * FROM users WHERE name = ?', [name]);
}

export function byEmail(email: string) {
  // expect: ts/sql-escape-concatenation "`SELECT * FROM users WHERE email = ${connection.escape(email)}`"
  return connection.query('SELECT * FROM users WHERE email = ?', [email]);
}

export function twoValues(owner: string, tag: string) {
  // expect: ts/sql-escape-concatenation "`SELECT id FROM notes WHERE owner = ${mysql.escape(owner)} AND tag = ${mysql.escape(tag)}`"
  return connection.query('SELECT id FROM notes WHERE owner = ? AND tag = ?', [owner, tag]);
}

export function viaVariable(title: string) {
  const sql = 'DELETE FROM notes WHERE title = ' + mysql.escape(title);
  // expect: ts/sql-escape-concatenation "sql"
  return connection.query(sql);
}

export function update(id: string, body: string) {
  // expect: ts/sql-escape-concatenation "`UPDATE notes SET body = ${mysql.escape(body)} WHERE id = ${mysql.escape(id)}`"
  return connection.execute('UPDATE notes SET body = ? WHERE id = ?', [body, id]);
}

// The guide's own "sanitizing" example: the SQL is returned, not sent, so there is no call to fix.
import { escape } from 'sqlstring';

export function querySafe(userId: string) {
  const safeUserId = escape(userId);
  // expect: ts/sql-escape-concatenation "`SELECT * FROM users WHERE id = ${safeUserId}`"
  return `SELECT * FROM users WHERE id = ${safeUserId}`;
}

export function deleteStatement(title: string) {
  // expect: ts/sql-escape-concatenation "'DELETE FROM notes WHERE title = ' + escape(title) + ' LIMIT 1'"
  const statement = 'DELETE FROM notes WHERE title = ' + escape(title) + ' LIMIT 1';
  return statement;
}

export function columnsFirst(owner: string) {
  // expect: ts/sql-escape-concatenation "`SELECT id, title FROM notes WHERE owner = ${connection.escape(owner)}`"
  return [`SELECT id, title FROM notes WHERE owner = ${connection.escape(owner)}`];
}
