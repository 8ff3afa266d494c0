import { Pool } from 'pg';
import { escape } from 'sqlstring';
import { config } from './config.js';

export const db = new Pool({ connectionString: config.databaseUrl });

export async function findUser(userId: string) {
  const result = await db.query(`SELECT * FROM users WHERE id = ${userId}`);
  return result.rows[0];
}

export async function searchNotes(owner: string, text: string) {
  const result = await db.query("SELECT * FROM notes WHERE owner = '" + owner + "' AND body LIKE '%" + text + "%'");
  return result.rows;
}

// The guide's "sanitizing" example: escape() and string building.
export function querySafe(userId: string) {
  const safeUserId = escape(userId);
  return `SELECT * FROM users WHERE id = ${safeUserId}`;
}
