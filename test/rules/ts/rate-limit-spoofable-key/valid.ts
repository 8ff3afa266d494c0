// Limiters keyed by the connection's address, an authenticated identity, or a bounded proxy count.
import express from 'express';
import rateLimit from 'express-rate-limit';

export const a = rateLimit({
  // ok: ts/rate-limit-spoofable-key
  keyGenerator: (req) => req.ip ?? 'unknown',
});

export const b = rateLimit({
  // ok: ts/rate-limit-spoofable-key
  keyGenerator: (req) => (req as express.Request & { user?: { id: string } }).user?.id ?? req.ip ?? '',
});

export const c = rateLimit({ windowMs: 60_000, max: 100 });

const app = express();
// ok: ts/rate-limit-spoofable-key
app.set('trust proxy', 1);
// ok: ts/rate-limit-spoofable-key
app.set('trust proxy', 'loopback');
// ok: ts/rate-limit-spoofable-key
app.set('json spaces', true);

export { app };
