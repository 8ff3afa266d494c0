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
