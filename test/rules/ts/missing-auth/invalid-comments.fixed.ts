// Authentication that exists only in comments does not protect the routes.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { timingSafeEqual } from 'crypto';

// expect: ts/missing-auth "express()"
const app = express();
app.use(validateApiKey);
app.use(helmet(), rateLimit());

app.get('/notes', (req, res) => {
  // TODO: check the Authorization header (bearer token) before answering.
  res.json([]);
});

app.use((req, res, next) => {
  /* an x-api-key check will go here */
  next();
});

export { app };

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
