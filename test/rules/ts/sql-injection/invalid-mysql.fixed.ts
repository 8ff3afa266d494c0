// The same flaw with mysql2 and better-sqlite3 (? placeholders).
import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';

const pool = mysql.createPool({ host: 'db.internal' });
const sqlite = new Database('app.db');

export async function findOrder(orderId: string, owner: string) {
  // expect: ts/sql-injection "`SELECT * FROM orders WHERE id = ${orderId} AND owner = \"${owner}\"`"
  const [rows] = await pool.execute('SELECT * FROM orders WHERE id = ? AND owner = ?', [orderId, owner]);
  return rows;
}

export function note(id: string) {
  // expect: ts/sql-injection "'SELECT body FROM notes WHERE id = ' + id"
  return sqlite.prepare('SELECT body FROM notes WHERE id = ?').get(id);
}
