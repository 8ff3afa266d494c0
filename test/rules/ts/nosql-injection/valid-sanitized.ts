// Mongoose strips operators from filters once sanitizeFilter is on.
import express from 'express';
import mongoose from 'mongoose';

mongoose.set('sanitizeFilter', true);
const Member = mongoose.model('Member', new mongoose.Schema({ handle: String, pin: String }));
const app = express.Router();

app.post('/members', async (req, res) => {
  // ok: ts/nosql-injection
  const member = await Member.findOne({ handle: req.body.handle, pin: req.body.pin });
  res.json(member);
});
