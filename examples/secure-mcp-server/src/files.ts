import fs from 'node:fs/promises';
import path from 'node:path';

const basePath = '/srv/mcp/files';

// Resolve against the base, then require the result to stay inside it.
export function validatePath(userPath: string): string {
  const resolved = path.resolve(basePath, userPath);
  const relative = path.relative(basePath, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error('Path traversal detected');
  }
  return resolved;
}

export async function readUserFile(userPath: string) {
  return fs.readFile(validatePath(userPath), 'utf8');
}
