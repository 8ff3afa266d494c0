// Several apps and frameworks, none authenticated.
import express from 'express';
import Fastify from 'fastify';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { timingSafeEqual } from 'crypto';

// expect: ts/missing-auth "express()"
export const admin = express();
admin.use(validateApiKey);
admin.use(helmet(), rateLimit());
admin.delete('/users/:id', (req, res) => res.sendStatus(204));

// expect: ts/missing-auth "express()"
export const api = express();
api.use(validateApiKey);
api.use(helmet(), rateLimit());
api.put('/settings', (req, res) => res.json({}));

// expect: ts/missing-auth "Fastify()"
export const fast = Fastify();
fast.get('/reports', async () => []);

// expect: ts/missing-auth "express()"
export const files = express();
files.use(validateApiKey);
files.use(helmet(), rateLimit());
files.post('/upload', (req, res) => res.sendStatus(201));

// expect: ts/missing-auth "express()"
export const exportsApp = express();
exportsApp.use(validateApiKey);
exportsApp.use(helmet(), rateLimit());
exportsApp.get('/export.csv', (req, res) => res.send(''));

/** Rejects requests whose X-API-Key header does not match API_KEY (compared in constant time). */
function validateApiKey(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const expected = Buffer.from(process.env.API_KEY ?? '');
  const provided = Buffer.from(req.get('x-api-key') ?? '');
  if (expected.length === 0 || provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    res.status(401).json({ error: 'Unauthorized' });
    return;
  }
  next();
}
