// The app is configured here: security headers, limits and authentication for every route.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import { requireApiKey } from './auth';

export function configure(app: express.Express): void {
  app.use(helmet());
  app.use(rateLimit({ windowMs: 60_000, max: 100 }));
  app.use(requireApiKey);
}
