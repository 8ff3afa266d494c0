// The same wrappers, called with algorithms, or wrappers that pin them themselves.
import jwt, { type VerifyOptions } from 'jsonwebtoken';

const KEY = process.env.JWT_KEY ?? '';
const shared: VerifyOptions = { algorithms: ['HS256'] };

function verifyToken(token: string, options?: VerifyOptions) {
  return jwt.verify(token, KEY, options);
}

function pinned(token: string) {
  return jwt.verify(token, KEY, { algorithms: ['HS256'] });
}

export function session(token: string) {
  // ok: ts/jwt-missing-algorithms
  return verifyToken(token, { algorithms: ['HS256'] });
}

export function fromShared(token: string) {
  // ok: ts/jwt-missing-algorithms
  return verifyToken(token, shared);
}

export function spread(token: string) {
  // ok: ts/jwt-missing-algorithms
  return verifyToken(token, { ...shared, audience: 'api' });
}

export function own(token: string) {
  // ok: ts/jwt-missing-algorithms
  return pinned(token);
}

function verifySignature(payload: string, signature: string) {
  return payload.length === signature.length;
}
export function unrelated(token: string) {
  // ok: ts/jwt-missing-algorithms
  return verifySignature(token, 'x');
}
