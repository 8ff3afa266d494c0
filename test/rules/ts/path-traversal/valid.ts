// Contained paths, basenames, send's root option and constant paths.
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';

const UPLOADS = '/srv/uploads';

export function download(req: Request, res: Response) {
  // ok: ts/path-traversal
  res.sendFile(String(req.query.file), { root: UPLOADS });
}

export function basename(req: Request) {
  // ok: ts/path-traversal
  return fs.readFileSync(path.join(UPLOADS, path.basename(req.params.name)));
}

export function contained(req: Request) {
  const target = path.resolve(UPLOADS, String(req.query.path));
  const relative = path.relative(UPLOADS, target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error('outside uploads');
  // ok: ts/path-traversal
  return fs.readFileSync(target);
}

export function config() {
  // ok: ts/path-traversal
  return fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8');
}

export function numeric(req: Request) {
  // ok: ts/path-traversal
  return fs.readFileSync(`${UPLOADS}/${Number(req.params.id)}.json`);
}
