// The caller's token sent on to another service.
import axios from 'axios';
import type { Request } from 'express';

export async function a(req: Request) {
  // expect: mcp/token-passthrough "Authorization: req.headers.authorization ?? ''"
  return fetch('https://api.github.com/user', { headers: { Authorization: req.headers.authorization ?? '' } });
}

export async function b(req: Request) {
  const auth = req.get('Authorization');
  // expect: mcp/token-passthrough "authorization: auth"
  return axios.get('https://graph.example.com/me', { headers: { authorization: auth } });
}

export async function c(req: Request) {
  // expect: mcp/token-passthrough "req.headers as Record<string, string>"
  return fetch('https://upstream.example.com/data', { headers: req.headers as Record<string, string> });
}

export async function d(req: Request) {
  // expect: mcp/token-passthrough "...req.headers"
  return fetch('https://upstream.example.com/data', { method: 'POST', headers: { ...req.headers, 'content-type': 'application/json' } as Record<string, string> });
}

export async function e(extra: { authInfo?: { token: string } }) {
  // expect: mcp/token-passthrough "Authorization: `Bearer ${extra.authInfo?.token}`"
  return fetch('https://api.example.com/items', { headers: { Authorization: `Bearer ${extra.authInfo?.token}` } });
}
