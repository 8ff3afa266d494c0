// Credentials read from the URL's query string.
import type { Request } from 'express';

export function a(req: Request) {
  // expect: ts/api-key-in-query "req.query.apiKey"
  return req.query.apiKey;
}

export function b(req: Request) {
  // expect: ts/api-key-in-query "req.query['api_key']"
  return req.query['api_key'];
}

export function c(req: Request) {
  // expect: ts/api-key-in-query "token"
  const { token, page } = req.query;
  return [token, page];
}

export function d(req: Request) {
  // expect: ts/api-key-in-query "req.query.access_token"
  return String(req.query.access_token);
}

export function e(ctx: { query: Record<string, string> }) {
  // expect: ts/api-key-in-query "ctx.query.key"
  return ctx.query.key;
}
