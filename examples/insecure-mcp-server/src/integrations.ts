// Calls to other services and files, each with a mistake the guide (or the MCP specification) warns about.
import Ajv from 'ajv';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import type { Request, Response } from 'express';

const ajv = new Ajv();
const FILES = '/srv/mcp/files';

// A key in the source, and certificate checks turned off.
const ENCRYPTION_KEY = Buffer.from('6f1c0a9b2d8e4f7a6f1c0a9b2d8e4f7a6f1c0a9b2d8e4f7a6f1c0a9b2d8e4f7a', 'hex');
export const agent = new https.Agent({ rejectUnauthorized: false });

export function seal(text: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', ENCRYPTION_KEY, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

// An open schema, and the caller's token forwarded upstream over plain HTTP.
const validateNote = ajv.compile({ type: 'object', properties: { title: { type: 'string' } } });

export async function syncNote(req: Request, res: Response) {
  if (!validateNote(req.body)) return res.sendStatus(400);
  const upstream = await fetch('http://notes.partner-api.com/v1/notes', {
    method: 'POST',
    headers: { Authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
    body: JSON.stringify(req.body),
  });
  res.status(upstream.status).end();
}

// A download path and a redirect target straight from the request.
export async function download(req: Request, res: Response) {
  const body = await fs.readFile(path.join(FILES, String(req.query.name)), 'utf8');
  res.send(body);
}

export function afterLogin(req: Request, res: Response) {
  res.redirect(String(req.query.next));
}

// A substring allow-list, and a formula evaluated as code.
export function isTrustedCallback(callbackUrl: string) {
  return callbackUrl.includes('partner-api.com');
}

export function calculate(req: Request) {
  return eval(req.body.formula);
}
