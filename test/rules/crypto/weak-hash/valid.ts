// md5/sha1 where no secret is involved, and strong hashes for secrets.
import crypto from 'node:crypto';
import fs from 'node:fs';

export function etag(body: string) {
  // ok: crypto/weak-hash
  return crypto.createHash('md5').update(body).digest('hex');
}

export function checksum(file: string) {
  // ok: crypto/weak-hash
  const sha = crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  return sha;
}

export function cacheKey(url: string) {
  // ok: crypto/weak-hash
  const key = crypto.createHash('md5').update(url).digest('hex');
  return key;
}

export function tokenDigest(token: string) {
  // ok: crypto/weak-hash
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function gravatar(email: string) {
  // ok: crypto/weak-hash
  return `https://www.gravatar.com/avatar/${crypto.createHash('md5').update(email.trim().toLowerCase()).digest('hex')}`;
}
