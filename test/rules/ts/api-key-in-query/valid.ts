// Keys from headers, and query parameters that are not credentials.
import type { Request } from 'express';

export function a(req: Request) {
  // ok: ts/api-key-in-query
  return req.get('x-api-key');
}

export function b(req: Request) {
  // ok: ts/api-key-in-query
  const { page, limit } = req.query;
  return [page, limit];
}

export function c(req: Request) {
  // ok: ts/api-key-in-query
  return req.query.sortKey;
}

export function d(req: Request) {
  // ok: ts/api-key-in-query
  return req.headers.authorization;
}

const search = { query: { apiKey: 'docs example' } };
// ok: ts/api-key-in-query
export const e = search.query.apiKey;
