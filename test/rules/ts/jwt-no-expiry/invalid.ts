// Tokens that never expire.
import jwt from 'jsonwebtoken';

const secret = process.env.JWT_SECRET as string;
const claims = { sub: 'service', scope: 'read' };

export function a(userId: string) {
  // expect: ts/jwt-no-expiry "jwt.sign"
  return jwt.sign({ sub: userId }, secret);
}

export function b(userId: string) {
  // expect: ts/jwt-no-expiry "jwt.sign"
  return jwt.sign({ sub: userId }, secret, { algorithm: 'HS256' });
}

export function c() {
  // expect: ts/jwt-no-expiry "jwt.sign"
  return jwt.sign(claims, secret, {});
}

export function d(userId: string, done: (e: Error | null, t?: string) => void) {
  // expect: ts/jwt-no-expiry "jwt.sign"
  jwt.sign({ sub: userId }, secret, (err, token) => done(err, token));
}

export function e(userId: string) {
  // expect: ts/jwt-no-expiry "jwt.sign"
  return jwt.sign({ sub: userId }, secret, {
    issuer: 'api',
  });
}
