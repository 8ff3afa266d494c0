// A verify wrapper that hands its options on: the calls that leave algorithms out.
import jwt, { type VerifyOptions } from 'jsonwebtoken';

const KEY = process.env.JWT_KEY ?? '';

function verifyToken(token: string, options?: VerifyOptions) {
  return jwt.verify(token, KEY, options);
}

const checkAuth = (token: string, options: VerifyOptions = {}) => jwt.verify(token, KEY, options);

export function session(token: string) {
  // expect: ts/jwt-missing-algorithms "verifyToken(token)"
  return verifyToken(token);
}

export function audience(token: string) {
  // expect: ts/jwt-missing-algorithms "verifyToken(token, { audience: 'api' })"
  return verifyToken(token, { audience: 'api' });
}

export function header(value: string) {
  // expect: ts/jwt-missing-algorithms "checkAuth(value.replace('Bearer ', ''))"
  return checkAuth(value.replace('Bearer ', ''));
}

export function issuer(token: string) {
  // expect: ts/jwt-missing-algorithms "checkAuth(token, { issuer: 'https://id.example.com' })"
  return checkAuth(token, { issuer: 'https://id.example.com' });
}

export function leeway(token: string) {
  // expect: ts/jwt-missing-algorithms "verifyToken(token, { clockTolerance: 5 })"
  return verifyToken(token, { clockTolerance: 5 });
}
