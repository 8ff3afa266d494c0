// Limiters keyed by headers the client writes.
import express from 'express';
import rateLimit from 'express-rate-limit';
import { RateLimiterMemory } from 'rate-limiter-flexible';

export const a = rateLimit({
  windowMs: 60_000,
  max: 100,
  // expect: ts/rate-limit-spoofable-key "req.headers['x-forwarded-for']"
  keyGenerator: (req) => req.headers['x-forwarded-for'] as string,
});

export const b = rateLimit({
  // expect: ts/rate-limit-spoofable-key "req.headers['x-real-ip']"
  keyGenerator: (req) => (req.headers['x-real-ip'] as string) || req.ip || '',
});

export const c = rateLimit({
  keyGenerator(request) {
    // expect: ts/rate-limit-spoofable-key "request.get('forwarded')"
    return request.get('forwarded') ?? 'anonymous';
  },
});

export const d = rateLimit({
  // expect: ts/rate-limit-spoofable-key "req.headers['x-forwarded-for']"
  keyGenerator: (req) => String(req.headers['x-forwarded-for'] || req.ip),
});

const app = express();
// expect: ts/rate-limit-spoofable-key "true"
app.set('trust proxy', true);

export { app, RateLimiterMemory };
