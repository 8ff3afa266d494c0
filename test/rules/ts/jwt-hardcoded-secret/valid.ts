// Secrets from the environment, files and key callbacks.
import fs from 'node:fs';
import jwt from 'jsonwebtoken';

const privateKey = fs.readFileSync('/run/secrets/jwt.key');
const secret = process.env.JWT_SECRET as string;

export function login(userId: string) {
  // ok: ts/jwt-hardcoded-secret
  return jwt.sign({ sub: userId }, process.env.JWT_SECRET as string, { expiresIn: '1h' });
}

export function rs(userId: string) {
  // ok: ts/jwt-hardcoded-secret
  return jwt.sign({ sub: userId }, privateKey, { algorithm: 'RS256', expiresIn: '1h' });
}

export function check(token: string) {
  // ok: ts/jwt-hardcoded-secret
  return jwt.verify(token, secret, { algorithms: ['HS256'] });
}

export function withCallback(token: string, getKey: jwt.GetPublicKeyOrSecret) {
  // ok: ts/jwt-hardcoded-secret
  jwt.verify(token, getKey, { algorithms: ['RS256'] }, () => undefined);
}

const other = { sign: (payload: object, key: string) => JSON.stringify(payload) + key };
// ok: ts/jwt-hardcoded-secret
other.sign({ a: 1 }, 'not-jsonwebtoken');
