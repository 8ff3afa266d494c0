// Fixed hosts, allow-listed hosts, and URLs that are not from a request.
import axios from 'axios';
import type { Request } from 'express';

const ALLOWED = new Set(['api.github.com']);

export async function user(req: Request) {
  // ok: ts/ssrf
  return fetch(`https://api.github.com/users/${encodeURIComponent(String(req.params.name))}`);
}

export async function checked(req: Request) {
  const target = new URL(String(req.query.url));
  if (!ALLOWED.has(target.hostname)) throw new Error('host not allowed');
  // ok: ts/ssrf
  return fetch(target);
}

export async function inside(req: Request) {
  const url = String(req.body.url);
  if (ALLOWED.has(new URL(url).hostname)) {
    // ok: ts/ssrf
    return axios.get(url);
  }
  return undefined;
}

export async function configured() {
  // ok: ts/ssrf
  return fetch(process.env.UPSTREAM_URL ?? 'https://api.example.com');
}

function validateUrl(input: string): URL {
  const url = new URL(input);
  if (!ALLOWED.has(url.hostname)) throw new Error('no');
  return url;
}

export async function validated(req: Request) {
  // ok: ts/ssrf
  return fetch(validateUrl(req.body.url));
}

export async function path(req: Request) {
  // ok: ts/ssrf
  return fetch('/api/items/' + req.params.id);
}
