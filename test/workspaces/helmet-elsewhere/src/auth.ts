import type { NextFunction, Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';

export function requireApiKey(req: Request, res: Response, next: NextFunction): void {
  const expected = Buffer.from(process.env.API_KEY ?? '');
  const provided = Buffer.from(req.get('x-api-key') ?? '');
  if (expected.length === 0 || provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    res.status(401).json({ error: 'Unauthorized' });
    return;
  }
  next();
}
