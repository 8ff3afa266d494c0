// File paths from the caller without a containment check.
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';

const UPLOADS = '/srv/uploads';

export function download(req: Request, res: Response) {
  // expect: ts/path-traversal "req.query.file as string"
  res.sendFile(req.query.file as string);
}

export async function read(req: Request) {
  // expect: ts/path-traversal "path.join(UPLOADS, req.params.name)"
  return readFile(path.join(UPLOADS, req.params.name), 'utf8');
}

export function write(req: Request) {
  const { name, content } = req.body;
  // expect: ts/path-traversal "`${UPLOADS}/${name}`"
  fs.writeFileSync(`${UPLOADS}/${name}`, content);
}

export function stream(req: Request, res: Response) {
  const target = path.resolve(UPLOADS, String(req.query.path));
  // expect: ts/path-traversal "target"
  fs.createReadStream(target).pipe(res);
}

export async function remove(req: Request) {
  // expect: ts/path-traversal "path.join(__dirname, 'data', req.body.file)"
  await fs.promises.unlink(path.join(__dirname, 'data', req.body.file));
}
