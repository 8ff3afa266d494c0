// Tokens with an expiry (option or claim), payloads we cannot see, and string payloads.
import jwt from 'jsonwebtoken';

const secret = process.env.JWT_SECRET as string;

export function a(userId: string) {
  // ok: ts/jwt-no-expiry
  return jwt.sign({ sub: userId }, secret, { expiresIn: '15m' });
}

export function b(userId: string) {
  // ok: ts/jwt-no-expiry
  return jwt.sign({ sub: userId, exp: Math.floor(Date.now() / 1000) + 3600 }, secret);
}

export function c(payload: object, options: jwt.SignOptions) {
  // ok: ts/jwt-no-expiry
  return jwt.sign(payload, secret, options);
}

export function d() {
  // ok: ts/jwt-no-expiry
  return jwt.sign('a-string-payload', secret);
}

export function e(claims: Record<string, unknown>) {
  // ok: ts/jwt-no-expiry
  return jwt.sign({ ...claims }, secret);
}
