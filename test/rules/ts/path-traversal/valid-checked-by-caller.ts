// The caller checks the path, then hands it to a small helper that reads it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request } from 'express';

const ROOT = '/srv/files';

function isInside(base: string, target: string): boolean {
  const relative = path.relative(base, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function readText(file: string): Promise<string> {
  // ok: ts/path-traversal
  return readFile(file, 'utf8');
}

export async function show(req: Request) {
  const target = path.resolve(ROOT, String(req.query.file));
  if (!isInside(ROOT, target)) throw new Error('outside the files folder');
  return readText(target);
}
