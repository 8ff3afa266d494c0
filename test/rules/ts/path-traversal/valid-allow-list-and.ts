// An allow-list checked for either spelling of a name (`&&` of two `includes`) before the path is built.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request } from 'express';

const PROFILES = ['dev', 'staging', 'prod'];

export async function profile(req: Request) {
  const name = String(req.query.name);
  const short = name.replace(/^profile-/, '');
  let file: string;
  if (!PROFILES.includes(short) && !PROFILES.includes(name)) throw new Error('unknown profile');
  file = path.join('/etc/app/profiles', `${short}.json`);
  // ok: ts/path-traversal
  return readFile(file, 'utf8');
}
