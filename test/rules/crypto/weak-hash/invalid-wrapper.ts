// A generic hashing helper is harmless until a password goes through it.
import crypto from 'node:crypto';
import type { Request } from 'express';

const digest = (data: string): string => crypto.createHash('md5').update(data).digest('hex');

export function register(req: Request) {
  // expect: crypto/weak-hash "digest(req.body.password)"
  const stored = digest(req.body.password);
  // ok: crypto/weak-hash
  const etag = digest(JSON.stringify(req.body.profile));
  return { stored, etag };
}
