// The prefix check is only a friendly message: the database enforces read-only.
import { Pool } from 'pg';

const pool = new Pool();

export async function readOnly(sql: string) {
  // ok: ts/sql-readonly-by-prefix
  if (!sql.trim().toLowerCase().startsWith('select')) throw new Error('Only SELECT queries');
  const client = await pool.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    const result = await client.query(sql);
    await client.query('COMMIT');
    return result.rows;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
