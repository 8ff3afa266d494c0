// Containment checks with startsWith and no trailing separator.
import path from 'path';
import { resolve } from 'node:path';

const UPLOADS = path.resolve('uploads');

// The guide's own "Good" example, which is flawed.
export function validatePath(userPath: string) {
  const normalizedPath = path.normalize(userPath);
  const basePath = '/safe/directory';

  // expect: ts/weak-path-check "normalizedPath.startsWith(basePath)"
  if (!normalizedPath.startsWith(basePath)) {
    throw new Error('Path traversal detected');
  }

  return normalizedPath;
}

export function uploadPath(name: string) {
  // expect: ts/weak-path-check "path.resolve(UPLOADS, name).startsWith(UPLOADS)"
  if (!path.resolve(UPLOADS, name).startsWith(UPLOADS)) throw new Error('outside uploads');
  return path.resolve(UPLOADS, name);
}

export function joined(base: string, name: string) {
  const full = path.join(base, name);
  // expect: ts/weak-path-check "full.startsWith(base)"
  return full.startsWith(base) ? full : undefined;
}

export function cwdRelative(input: string) {
  const target = resolve(input);
  // expect: ts/weak-path-check "target.startsWith(process.cwd())"
  return target.startsWith(process.cwd());
}

export function literalBase(input: string) {
  // expect: ts/weak-path-check "path.normalize(input).startsWith('/srv/app')"
  return path.normalize(input).startsWith('/srv/app');
}
