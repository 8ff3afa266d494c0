import fs from 'node:fs/promises';
import path from 'node:path';

const basePath = '/srv/mcp/files';

// The guide's path validation example: startsWith without a trailing separator.
export function validatePath(userPath: string) {
  const normalizedPath = path.normalize(userPath);

  if (!normalizedPath.startsWith(basePath)) {
    throw new Error('Path traversal detected');
  }

  return normalizedPath;
}

export async function readUserFile(userPath: string) {
  return fs.readFile(validatePath(userPath), 'utf8');
}

export async function readAnyFile(requested: string) {
  return fs.readFile(path.join(basePath, requested), 'utf8');
}
