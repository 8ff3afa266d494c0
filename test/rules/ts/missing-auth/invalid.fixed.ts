// Apps whose routes nobody authenticates.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { timingSafeEqual } from 'crypto';

// expect: ts/missing-auth "express()"
const app = express();
app.use(validateApiKey);
app.use(helmet());
app.use(rateLimit({ windowMs: 60_000, max: 100 }));
app.use(express.json());

app.get('/notes', (req, res) => {
  res.json([]);
});

app.post('/notes', (req, res) => {
  res.status(201).json(req.body);
});

export default app;

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
