import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';
import { config } from './config.js';

export function issueToken(userId: string): string {
  return jwt.sign({ sub: userId }, config.jwtSecret, { algorithm: 'HS256', expiresIn: '1h' });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

// API key from a header, compared in constant time.
export function validateApiKey(req: Request, res: Response, next: NextFunction) {
  const apiKey = req.get('x-api-key');
  if (!apiKey || !sameSecret(apiKey, config.apiKey)) {
    return res.status(401).json({ error: 'Invalid API key' });
  }
  next();
}

export function validateJwt(req: Request, res: Response, next: NextFunction) {
  const header = req.get('authorization');
  const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  if (!bearer) return res.status(401).json({ error: 'No token provided' });
  try {
    res.locals.user = jwt.verify(bearer, config.jwtSecret, { algorithms: ['HS256'] });
    next();
  } catch {
    return res.status(401).json({ error: 'Invalid token' });
  }
}
