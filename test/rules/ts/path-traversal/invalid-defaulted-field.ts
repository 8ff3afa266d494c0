// A destructured parameter the call leaves out takes its default: only what the call passes is the caller's.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request } from 'express';

function locate({ file, root = path.resolve('.') }: { file: string; root?: string }): string {
  // ok: ts/path-traversal
  if (!existsSync(path.join(root, 'package.json'))) throw new Error('not a project');
  return path.join(root, file);
}

export async function show(req: Request) {
  const target = locate({ file: String(req.query.file) });
  // expect: ts/path-traversal "target"
  return readFile(target, 'utf8');
}
