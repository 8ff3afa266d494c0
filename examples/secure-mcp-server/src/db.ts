import { Pool } from 'pg';
import { config } from './config.js';

export const db = new Pool({ connectionString: config.databaseUrl });

export async function findUser(userId: string) {
  const result = await db.query('SELECT id, name FROM users WHERE id = $1', [userId]);
  return result.rows[0];
}

export async function searchNotes(owner: string, text: string) {
  const result = await db.query('SELECT id, body FROM notes WHERE owner = $1 AND body LIKE $2', [owner, `%${text}%`]);
  return result.rows;
}
