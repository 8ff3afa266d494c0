// Traps: containment checks that are right, and startsWith calls that are not about paths.
import path from 'path';

const BASE = '/srv/app';

export function checks(input: string, url: string, name: string) {
  const resolved = path.resolve(BASE, input);
  // ok: ts/weak-path-check
  const a = resolved.startsWith(BASE + path.sep);
  // ok: ts/weak-path-check
  const b = path.normalize(input).startsWith('/srv/app/');
  // ok: ts/weak-path-check
  const c = resolved.startsWith(`${BASE}/`);
  // ok: ts/weak-path-check
  const d = url.startsWith('https://');
  // ok: ts/weak-path-check
  const e = name.startsWith('..');
  const rel = path.relative(BASE, resolved);
  // The containment check the rule recommends.
  // ok: ts/weak-path-check
  const f = !rel.startsWith('..') && !path.isAbsolute(rel);
  return [a, b, c, d, e, f];
}
