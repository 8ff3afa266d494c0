// Containment checks with startsWith and no trailing separator.
import path from 'path';
import { resolve } from 'node:path';

const UPLOADS = path.resolve('uploads');

// The guide's own "Good" example, which is flawed.
export function validatePath(userPath: string) {
  const normalizedPath = path.normalize(userPath);
  const basePath = '/safe/directory';

  // expect: ts/weak-path-check "normalizedPath.startsWith(basePath)"
  if (!isPathInside(basePath, normalizedPath)) {
    throw new Error('Path traversal detected');
  }

  return normalizedPath;
}

export function uploadPath(name: string) {
  // expect: ts/weak-path-check "path.resolve(UPLOADS, name).startsWith(UPLOADS)"
  if (!isPathInside(UPLOADS, path.resolve(UPLOADS, name))) throw new Error('outside uploads');
  return path.resolve(UPLOADS, name);
}

export function joined(base: string, name: string) {
  const full = path.join(base, name);
  // expect: ts/weak-path-check "full.startsWith(base)"
  return isPathInside(base, full) ? full : undefined;
}

export function cwdRelative(input: string) {
  const target = resolve(input);
  // expect: ts/weak-path-check "target.startsWith(process.cwd())"
  return isPathInside(process.cwd(), target);
}

export function literalBase(input: string) {
  // expect: ts/weak-path-check "path.normalize(input).startsWith('/srv/app')"
  return isPathInside('/srv/app', path.normalize(input));
}

/** True when target is base itself or inside it, after resolving `..` segments. */
function isPathInside(base: string, target: string): boolean {
  const relative = path.relative(base, target);
  return relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative);
}
