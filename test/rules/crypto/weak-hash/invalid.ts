// Fast, broken hashes on passwords and secrets.
import crypto from 'node:crypto';
import { createHash } from 'crypto';

export function hashPassword(password: string) {
  // expect: crypto/weak-hash "'md5'"
  return crypto.createHash('md5').update(password).digest('hex');
}

export function store(user: { password: string }) {
  // expect: crypto/weak-hash "'sha1'"
  const passwordHash = createHash('sha1').update(user.password).digest('hex');
  return passwordHash;
}

export function tokenDigest(apiToken: string) {
  // expect: crypto/weak-hash "'md5'"
  return createHash('md5').update(apiToken).digest('hex');
}

export function check(input: string, stored: string) {
  // expect: crypto/weak-hash "'sha1'"
  const hashedPassword = crypto.createHash('sha1').update(input).digest('hex');
  return hashedPassword === stored;
}

export function keyId(secretKey: string) {
  // expect: crypto/weak-hash "'md5'"
  return crypto.createHash('md5').update(secretKey).digest('base64');
}
