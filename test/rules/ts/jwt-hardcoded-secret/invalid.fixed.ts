// Secrets written into jwt.sign/verify calls.
import jwt from 'jsonwebtoken';
import * as jose from 'jsonwebtoken';
const { verify } = require('jsonwebtoken');

const SECRET = 'your-secret-key';

export function login(userId: string) {
  // expect: ts/jwt-hardcoded-secret "'s3cr3t-Signing-Key-2024'"
  return jwt.sign({ sub: userId }, process.env.JWT_SECRET!, { expiresIn: '1h', algorithm: 'HS256' });
}

export function check(token: string) {
  // expect: ts/jwt-hardcoded-secret "SECRET"
  return jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });
}

export function namespaced(token: string) {
  // expect: ts/jwt-hardcoded-secret "'changeme'"
  return jose.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });
}

export function destructured(token: string) {
  // expect: ts/jwt-hardcoded-secret "`jwt-${'secret'}`"
  return verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });
}

export function refresh(userId: string) {
  const signer = jwt;
  // expect: ts/jwt-hardcoded-secret "SECRET"
  return signer.sign({ sub: userId }, process.env.JWT_SECRET!, { expiresIn: '7d' });
}
