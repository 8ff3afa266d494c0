// A second Express app for administration: no helmet, and a rate limiter clients can dodge.
import express from 'express';
import rateLimit from 'express-rate-limit';
import { escape } from 'sqlstring';
import { db } from './db.js';
import { validateApiKey } from './auth.js';

export const admin = express();
admin.use(validateApiKey);
admin.use(rateLimit({ windowMs: 60_000, max: 30, keyGenerator: (req) => String(req.headers['x-forwarded-for'] ?? req.ip) }));

admin.delete('/users/:name', async (req, res) => {
  await db.query('DELETE FROM users WHERE name = ' + escape(req.params.name));
  res.sendStatus(204);
});
