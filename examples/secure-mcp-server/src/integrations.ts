// Calls to other services and files, done the way the guide (and the MCP specification) asks.
import Ajv from 'ajv';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';
import { validatePath } from './files.js';

const ajv = new Ajv();
const ALLOWED_HOSTS = new Set(['notes.partner-api.com']);

// The key comes from the environment; certificates are verified (the default).
const ENCRYPTION_KEY = Buffer.from(process.env.ENCRYPTION_KEY ?? '', 'hex');

export function seal(text: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', ENCRYPTION_KEY, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

// A closed schema, HTTPS, and this server's own credentials for the upstream.
const validateNote = ajv.compile({ type: 'object', properties: { title: { type: 'string', maxLength: 200 } }, required: ['title'], additionalProperties: false });

export async function syncNote(req: Request, res: Response) {
  if (!validateNote(req.body)) return res.sendStatus(400);
  const upstream = await fetch('https://notes.partner-api.com/v1/notes', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.PARTNER_API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(req.body),
  });
  res.status(upstream.status).end();
}

// Paths stay inside the files folder; redirects go to our own pages only.
export async function download(req: Request, res: Response) {
  const body = await fs.readFile(validatePath(path.basename(String(req.query.name))), 'utf8');
  res.send(body);
}

export function afterLogin(req: Request, res: Response) {
  const next = String(req.query.next ?? '/');
  res.redirect(next.startsWith('/') && !next.startsWith('//') ? encodeURI(next) : '/');
}

// Exact host comparison, and arithmetic without eval.
export function isTrustedCallback(callbackUrl: string) {
  return ALLOWED_HOSTS.has(new URL(callbackUrl).hostname);
}

const operations: Record<string, (a: number, b: number) => number> = { add: (a, b) => a + b, multiply: (a, b) => a * b };
export function calculate(req: Request) {
  const { op, a, b } = req.body as { op: string; a: number; b: number };
  return operations[op]?.(Number(a), Number(b));
}
