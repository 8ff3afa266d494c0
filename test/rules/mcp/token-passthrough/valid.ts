// Upstream calls with the server's own credentials.
import axios from 'axios';
import type { Request } from 'express';

export async function a() {
  // ok: mcp/token-passthrough
  return fetch('https://api.github.com/user', { headers: { Authorization: `Bearer ${process.env.GITHUB_TOKEN}` } });
}

export async function b(req: Request) {
  // ok: mcp/token-passthrough
  return axios.get('https://api.example.com/items', { headers: { 'x-request-id': req.get('x-request-id') ?? '' } });
}

export async function c(req: Request) {
  // ok: mcp/token-passthrough
  return fetch('https://api.example.com/items', { headers: { 'accept-language': req.headers['accept-language'] ?? 'en' } });
}

export function d(req: Request) {
  // ok: mcp/token-passthrough
  return { user: req.headers.authorization?.slice(7) };
}

export async function e(token: string) {
  // ok: mcp/token-passthrough
  return fetch('https://api.example.com/items', { headers: { Authorization: `Bearer ${token}` } });
}
