// Pinned algorithms, options built elsewhere, and other verify functions.
import jwt from 'jsonwebtoken';
import crypto from 'node:crypto';

const secret = process.env.JWT_SECRET as string;
const options: jwt.VerifyOptions = { algorithms: ['HS256'] };

export function a(token: string) {
  // ok: ts/jwt-missing-algorithms
  return jwt.verify(token, secret, { algorithms: ['HS256'] });
}

export function b(token: string) {
  // ok: ts/jwt-missing-algorithms
  return jwt.verify(token, secret, options);
}

export function c(data: string, signature: Buffer, key: crypto.KeyObject) {
  // ok: ts/jwt-missing-algorithms
  return crypto.verify('sha256', Buffer.from(data), key, signature);
}

export function d(token: string) {
  // ok: ts/jwt-missing-algorithms
  return jwt.verify(token, secret, { algorithms: ['RS256', 'ES256'], audience: 'api' });
}

export function e(token: string) {
  // ok: ts/jwt-missing-algorithms
  return jwt.decode(token, { complete: true });
}
