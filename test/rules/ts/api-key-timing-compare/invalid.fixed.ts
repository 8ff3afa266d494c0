// Secrets compared with === / !==.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

const API_KEY = process.env.API_KEY;

export function check(req: Request) {
  const apiKey = req.get('x-api-key');
  // expect: ts/api-key-timing-compare "apiKey !== process.env.API_KEY"
  if (!safeEqual(apiKey, process.env.API_KEY)) return false;
  return true;
}

export function header(req: Request) {
  // expect: ts/api-key-timing-compare "req.headers['x-api-key'] === API_KEY"
  return safeEqual(req.headers['x-api-key'], API_KEY);
}

export function webhook(body: string, signature: string) {
  const expectedSignature = createHmac('sha256', process.env.WEBHOOK_SECRET ?? '').update(body).digest('hex');
  // expect: ts/api-key-timing-compare "signature == expectedSignature"
  return safeEqual(signature, expectedSignature);
}

export function bearer(token: string, storedToken: string) {
  // expect: ts/api-key-timing-compare "token !== storedToken"
  if (!safeEqual(token, storedToken)) throw new Error('unauthorized');
}

export function config(secret: string) {
  // expect: ts/api-key-timing-compare "process.env.CLIENT_SECRET === secret"
  return safeEqual(process.env.CLIENT_SECRET, secret);
}

/** Compares two secrets in constant time (the length is not secret). */
function safeEqual(a: string | undefined, b: string | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
