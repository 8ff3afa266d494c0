// Limiters keyed by headers the client writes.
import express from 'express';
import rateLimit from 'express-rate-limit';
import { RateLimiterMemory } from 'rate-limiter-flexible';

export const a = rateLimit({
  windowMs: 60_000,
  max: 100,
  // expect: ts/rate-limit-spoofable-key "req.headers['x-forwarded-for']"
  keyGenerator: (req) => req.ip as string,
});

export const b = rateLimit({
  // expect: ts/rate-limit-spoofable-key "req.headers['x-real-ip']"
  keyGenerator: (req) => (req.ip as string) || req.ip || '',
});

export const c = rateLimit({
  keyGenerator(request) {
    // expect: ts/rate-limit-spoofable-key "request.get('forwarded')"
    return request.ip ?? 'anonymous';
  },
});

export const d = rateLimit({
  // expect: ts/rate-limit-spoofable-key "req.headers['x-forwarded-for']"
  keyGenerator: (req) => String(req.ip),
});

const app = express();
// expect: ts/rate-limit-spoofable-key "true"
app.set('trust proxy', 1);

export { app, RateLimiterMemory };
