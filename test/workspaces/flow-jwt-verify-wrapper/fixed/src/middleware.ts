import type { NextFunction, Request, Response } from 'express';
import { verifyAccessToken } from './tokens.js';

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  try {
    res.locals.user = verifyAccessToken(header.replace(/^Bearer /, ''), { audience: 'api', algorithms: ['RS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}
