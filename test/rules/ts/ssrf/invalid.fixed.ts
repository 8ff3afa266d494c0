// Requests to URLs the caller chose.
import axios from 'axios';
import got from 'got';
import http from 'node:http';
import type { Request } from 'express';

export async function proxy(req: Request) {
  // expect: ts/ssrf "req.query.url as string"
  return fetch(validateUrl(req.query.url as string));
}

export async function preview(req: Request) {
  const { target } = req.body;
  // expect: ts/ssrf "target"
  return axios.get(validateUrl(target));
}

export async function webhook(req: Request) {
  const host = req.headers['x-callback-host'];
  // expect: ts/ssrf "`https://${host}/hook`"
  return got.post(validateUrl(`https://${host}/hook`), { json: {} });
}

export function legacy(req: Request) {
  const url = new URL(String(req.query.u));
  // expect: ts/ssrf "url"
  return http.get(validateUrl(url), () => undefined);
}

function remote(input: string) {
  return input.trim();
}

export async function viaWrapper(req: Request) {
  // expect: ts/ssrf "remote(req.body.link)"
  return fetch(validateUrl(remote(req.body.link)));
}

export async function config(req: Request) {
  // expect: ts/ssrf "req.body.endpoint"
  return axios({ url: req.body.endpoint, method: 'get' });
}

/** Hosts this server may call on a caller's behalf. */
const ALLOWED_HOSTS = new Set<string>(['api.example.com']);

function validateUrl(input: string | URL): URL {
  const url = new URL(input);
  if (url.protocol !== 'https:' || !ALLOWED_HOSTS.has(url.hostname)) {
    throw new Error(`Requests to ${url.hostname} are not allowed`);
  }
  return url;
}
