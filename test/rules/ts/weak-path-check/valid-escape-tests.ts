// Escape tests: a startsWith on a prefix made of dot segments (or the root) asks whether a path
// climbs out of where it is resolved, not whether it sits under a base folder.
import path from 'node:path';

const ROOT = '/var/lib/notes';

export function relativeEscapes(requested: string) {
  // ok: ts/weak-path-check
  if (path.normalize(requested).startsWith('..')) throw new Error('relative path escapes');
  // ok: ts/weak-path-check
  if (path.normalize(requested).startsWith('../')) throw new Error('relative path escapes');
  // ok: ts/weak-path-check
  if (path.normalize(requested).startsWith('..' + path.sep)) throw new Error('relative path escapes');
  // ok: ts/weak-path-check
  if (path.join('.', requested).startsWith('../..')) throw new Error('climbs two levels');
  return requested;
}

export function absoluteTest(requested: string) {
  // ok: ts/weak-path-check
  return path.resolve(requested).startsWith('/');
}

export function hiddenOrRelative(requested: string) {
  const cleaned = path.normalize(requested);
  // ok: ts/weak-path-check
  return cleaned.startsWith('.');
}

export function recommended(requested: string) {
  // The containment check the rule recommends, written in one expression.
  // ok: ts/weak-path-check
  const escapes = path.relative(ROOT, path.resolve(ROOT, requested)).startsWith('..');
  return !escapes && !path.isAbsolute(path.relative(ROOT, path.resolve(ROOT, requested)));
}
