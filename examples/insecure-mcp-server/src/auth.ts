import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';
import { config } from './config.js';

export function issueToken(userId: string) {
  return jwt.sign({ sub: userId }, 'super-secret-jwt-key-2024');
}

export function validateJwt(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1];
  console.log(`User authenticated with token: ${token}`);
  if (!token) return res.status(401).json({ error: 'No token provided' });
  const decoded = jwt.decode(token);
  if (decoded) {
    (req as Request & { user?: unknown }).user = jwt.verify(token, config.jwtSecret);
    return next();
  }
  return res.status(401).json({ error: 'Invalid token' });
}

export function validateApiKey(req: Request, res: Response, next: NextFunction) {
  const apiKey = req.query.apiKey;
  if (apiKey !== config.openaiApiKey) return res.status(401).json({ error: 'Invalid API key' });
  next();
}
