// Decisions made on unverified tokens.
import jwt from 'jsonwebtoken';
import { decode, verify } from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';

export function isAdmin(token: string) {
  // expect: ts/jwt-decode-without-verify "jwt.decode"
  const claims = jwt.verify(token, process.env.JWT_SECRET!) as { role?: string } | null;
  return claims?.role === 'admin';
}

export function middleware(req: Request & { user?: unknown }, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.slice(7) ?? '';
  // expect: ts/jwt-decode-without-verify "jwt.decode"
  req.user = jwt.verify(token, process.env.JWT_SECRET!);
  next();
}

export function expired(token: string) {
  // expect: ts/jwt-decode-without-verify "decode"
  if (!verify(token, process.env.JWT_SECRET!)) throw new Error('bad token');
  return true;
}

export function scopes(token: string) {
  // expect: ts/jwt-decode-without-verify "jwt.decode"
  const { scope } = jwt.verify(token, process.env.JWT_SECRET!) as { scope: string };
  if (scope.includes('write')) return 'rw';
  return 'r';
}

export function owner(token: string, id: string) {
  // expect: ts/jwt-decode-without-verify "jwt.decode"
  return (jwt.verify(token, process.env.JWT_SECRET!) as { sub: string }).sub === id ? 'mine' : 'theirs';
}
