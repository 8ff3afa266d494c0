// Names a caller chooses: placeholders cannot help, an allow-list does.
import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express.Router();

app.get('/rows', async (req, res) => {
  // expect: ts/sql-injection "`SELECT * FROM ${req.query.table} LIMIT 100`"
  const result = await pool.query(`SELECT * FROM ${req.query.table} LIMIT 100`);
  res.json(result.rows);
});

app.get('/items', async (req, res) => {
  const column = String(req.query.sort);
  // expect: ts/sql-injection "`SELECT id, name FROM items ORDER BY ${column}`"
  const result = await pool.query(`SELECT id, name FROM items ORDER BY ${column}`);
  res.json(result.rows);
});

app.post('/tables', async (req, res) => {
  // expect: ts/sql-injection "`CREATE TABLE \"${req.body.name}\" (id serial PRIMARY KEY)`"
  await pool.query(`CREATE TABLE "${req.body.name}" (id serial PRIMARY KEY)`);
  res.sendStatus(201);
});

app.delete('/tables/:name', async (req, res) => {
  // expect: ts/sql-injection "'DROP TABLE ' + req.params.name"
  await pool.query('DROP TABLE ' + req.params.name);
  res.sendStatus(204);
});

app.get('/mysql-style', async (req, res) => {
  // expect: ts/sql-injection "`SELECT \\`${req.query.col}\\` FROM items`"
  const result = await pool.query(`SELECT \`${req.query.col}\` FROM items`);
  res.json(result.rows);
});
