// Filters whose values cannot be operator objects, and code written by the program.
import express from 'express';
import { MongoClient } from 'mongodb';

const client = new MongoClient('mongodb://db.internal:27017');
const accounts = client.db('shop').collection('accounts');
const app = express.Router();

app.get('/accounts/:id', async (req, res) => {
  // ok: ts/nosql-injection
  const found = await accounts.findOne({ slug: req.params.id });
  res.json(found);
});

app.post('/login', async (req, res) => {
  // ok: ts/nosql-injection
  const found = await accounts.findOne({ email: String(req.body.email), secret: { $eq: req.body.secret } });
  res.json({ ok: Boolean(found) });
});

app.post('/lookup', async (req, res) => {
  const { email } = req.body;
  if (typeof email !== 'string') return res.sendStatus(400);
  // ok: ts/nosql-injection
  const found = await accounts.findOne({ email });
  return res.json(found);
});

app.get('/recent', async (req, res) => {
  // ok: ts/nosql-injection
  const rows = await accounts.find({ $where: 'this.updated > this.created' }).toArray();
  res.json(rows);
});

app.get('/by-tag', async (req, res) => {
  // ok: ts/nosql-injection
  const rows = await accounts.find({ tag: `${req.query.tag}` }).toArray();
  res.json(rows);
});

export function firstMatch(items: Array<{ name: string }>, wanted: string) {
  // ok: ts/nosql-injection
  return items.find((item) => item.name === wanted);
}

app.get('/age', async (req, res) => {
  // ok: ts/nosql-injection
  const rows = await accounts.find({ age: { $gte: Number(req.query.min) } }).toArray();
  res.json(rows);
});
