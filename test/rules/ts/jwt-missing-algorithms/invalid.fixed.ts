// jwt.verify without an algorithms list, or with 'none'.
import jwt from 'jsonwebtoken';
import { verify } from 'jsonwebtoken';

const secret = process.env.JWT_SECRET as string;
const publicKey = process.env.JWT_PUBLIC_KEY as string;

export function a(token: string) {
  // expect: ts/jwt-missing-algorithms "jwt.verify"
  return jwt.verify(token, secret, { algorithms: ['HS256'] });
}

export function b(token: string) {
  // expect: ts/jwt-missing-algorithms "verify"
  return verify(token, publicKey, { algorithms: ['RS256'], audience: 'api' });
}

export function c(token: string, done: (e: unknown) => void) {
  // expect: ts/jwt-missing-algorithms "jwt.verify"
  jwt.verify(token, secret, { algorithms: ['HS256'] }, (err) => done(err));
}

export function d(token: string) {
  // expect: ts/jwt-missing-algorithms "'none'"
  return jwt.verify(token, secret, { algorithms: ['HS256'] });
}

export function e(token: string) {
  // expect: ts/jwt-missing-algorithms "jwt.verify"
  return jwt.verify(token, secret, { algorithms: ['HS256'] });
}

export function f(token: string) {
  // expect: ts/jwt-missing-algorithms "jwt.verify"
  return jwt.verify(token, secret, {
    algorithms: ['HS256'],
    issuer: 'https://auth.example.com',
  });
}
