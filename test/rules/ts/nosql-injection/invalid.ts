// Filters and database-side code the caller controls.
import express from 'express';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';

const client = new MongoClient('mongodb://db.internal:27017');
const accounts = client.db('shop').collection('accounts');
const Member = mongoose.model('Member', new mongoose.Schema({ handle: String, pin: String }));
const app = express.Router();

app.post('/login', async (req, res) => {
  const found = await accounts.findOne({
    // expect: ts/nosql-injection "req.body.email"
    email: req.body.email,
    // expect: ts/nosql-injection "req.body.secret"
    secret: req.body.secret,
  });
  res.json({ ok: Boolean(found) });
});

app.get('/members', async (req, res) => {
  // expect: ts/nosql-injection "req.query"
  const list = await Member.find(req.query);
  res.json(list);
});

app.post('/members/search', async (req, res) => {
  const { handle } = req.body;
  // expect: ts/nosql-injection "handle"
  const list = await Member.find({ $or: [{ handle }, { alias: 'none' }] });
  res.json(list);
});

app.get('/notes', async (req, res) => {
  const notes = await client
    .db('shop')
    .collection('notes')
    // expect: ts/nosql-injection "`this.owner == '${req.query.owner}'`"
    .find({ $where: `this.owner == '${req.query.owner}'` })
    .toArray();
  res.json(notes);
});

app.post('/members/update', async (req, res) => {
  // expect: ts/nosql-injection "...req.body.filter"
  await Member.updateOne({ ...req.body.filter }, { $set: { seen: true } });
  res.sendStatus(204);
});

app.post('/totals', async (req, res) => {
  const rows = await accounts
    .aggregate([
      // expect: ts/nosql-injection "req.body.region"
      { $match: { region: req.body.region } },
      { $group: { _id: '$region', total: { $sum: '$amount' } } },
    ])
    .toArray();
  res.json(rows);
});

export async function scores() {
  const formula = process.env.SCORE_FORMULA ?? 'a';
  return accounts
    .aggregate([
      {
        $addFields: {
          score: {
            $function: {
              // expect: ts/nosql-injection "'function(a) { return ' + formula + '; }'"
              body: 'function(a) { return ' + formula + '; }',
              args: ['$amount'],
              lang: 'js',
            },
          },
        },
      },
    ])
    .toArray();
}

app.post('/legacy-report', async (req, res) => {
  const out = await accounts.mapReduce(
    // expect: ts/nosql-injection "`function() { emit(this.${req.body.field}, 1); }`"
    `function() { emit(this.${req.body.field}, 1); }`,
    'function(key, values) { return Array.sum(values); }',
    { out: { inline: 1 } },
  );
  res.json(out);
});
