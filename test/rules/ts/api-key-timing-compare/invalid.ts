// Secrets compared with === / !==.
import { createHmac } from 'node:crypto';
import type { Request } from 'express';

const API_KEY = process.env.API_KEY;

export function check(req: Request) {
  const apiKey = req.get('x-api-key');
  // expect: ts/api-key-timing-compare "apiKey !== process.env.API_KEY"
  if (apiKey !== process.env.API_KEY) return false;
  return true;
}

export function header(req: Request) {
  // expect: ts/api-key-timing-compare "req.headers['x-api-key'] === API_KEY"
  return req.headers['x-api-key'] === API_KEY;
}

export function webhook(body: string, signature: string) {
  const expectedSignature = createHmac('sha256', process.env.WEBHOOK_SECRET ?? '').update(body).digest('hex');
  // expect: ts/api-key-timing-compare "signature == expectedSignature"
  return signature == expectedSignature;
}

export function bearer(token: string, storedToken: string) {
  // expect: ts/api-key-timing-compare "token !== storedToken"
  if (token !== storedToken) throw new Error('unauthorized');
}

export function config(secret: string) {
  // expect: ts/api-key-timing-compare "process.env.CLIENT_SECRET === secret"
  return process.env.CLIENT_SECRET === secret;
}
