// Denials the catch rethrows, tells apart from the failure it expects, or answers with a failure.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const root = '/srv/workspace';
class AccessDeniedError extends Error {}
declare function knownKey(key: string | undefined): boolean;

export async function rethrows(requested: string) {
  try {
    const real = await fs.realpath(requested);
    // ok: ts/swallowed-security-check
    if (!real.startsWith(root + path.sep)) throw new Error('Access denied - outside allowed directories');
    return real;
  } catch (e) {
    console.error('validation failed', e);
    throw e;
  }
}

export async function checksType(requested: string) {
  try {
    const real = await fs.realpath(requested);
    // ok: ts/swallowed-security-check
    if (!real.startsWith(root + path.sep)) throw new AccessDeniedError(real);
    return real;
  } catch (e) {
    if (e instanceof AccessDeniedError) throw e;
    return path.resolve(root, path.basename(requested));
  }
}

export async function checksCode(requested: string) {
  try {
    const real = await fs.realpath(requested);
    // ok: ts/swallowed-security-check
    if (!real.startsWith(root + path.sep)) throw new Error('Access denied');
    return real;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return path.resolve(root, path.basename(requested));
  }
}

export function returnsFalse(name: string): boolean {
  try {
    // ok: ts/swallowed-security-check
    if (name.includes('..')) throw new Error('Path traversal attempt');
    return true;
  } catch {
    return false;
  }
}

export function toolResult(name: string) {
  try {
    // ok: ts/swallowed-security-check
    if (name.startsWith('/etc')) throw new Error('Access denied');
    return { content: [{ type: 'text' as const, text: name }] };
  } catch (error) {
    return { content: [{ type: 'text' as const, text: 'denied' }], isError: true };
  }
}

export function middleware(req: Request, res: Response, next: NextFunction) {
  try {
    // ok: ts/swallowed-security-check
    if (!knownKey(req.get('x-api-key'))) throw new Error('Unauthorized');
    next();
  } catch {
    res.status(403).json({ message: 'forbidden' });
  }
}

export function nested(name: string) {
  try {
    const check = (value: string) => {
      // ok: ts/swallowed-security-check
      if (value.includes('..')) throw new Error('Access denied');
      return value;
    };
    return check;
  } catch {
    return () => name;
  }
}

export function finallyOnly(name: string) {
  try {
    // ok: ts/swallowed-security-check
    if (name.includes('..')) throw new Error('Access denied');
    return name;
  } finally {
    console.debug('checked', name);
  }
}

export function passesOn(req: Request, _res: Response, next: NextFunction) {
  try {
    // ok: ts/swallowed-security-check
    if (!req.get('authorization')) throw new Error('Not authorized');
    next();
  } catch (err) {
    next(err);
  }
}

export function wrapsIt(name: string) {
  try {
    // ok: ts/swallowed-security-check
    if (name.includes('..')) throw new Error('Access denied');
    return name;
  } catch (e) {
    throw new Error(`Cannot open ${name}: ${String(e)}`);
  }
}

export function loopSkips(names: string[]) {
  const kept: string[] = [];
  for (const name of names) {
    try {
      // ok: ts/swallowed-security-check
      if (name.startsWith('/')) throw new Error('Absolute paths are not allowed');
      kept.push(name);
    } catch {
      continue;
    }
  }
  return kept;
}

export function notADenial(value: string) {
  try {
    // ok: ts/swallowed-security-check
    if (value === '') throw new Error('Empty value');
    return value.trim();
  } catch {
    return value;
  }
}

export function recordsIt(req: Request, res: Response) {
  let allowed = true;
  try {
    // ok: ts/swallowed-security-check
    if (!knownKey(req.get('x-api-key'))) throw new Error('Forbidden');
  } catch {
    allowed = false;
  }
  if (!allowed) return res.sendStatus(403);
  return res.json({ ok: true });
}

export function statusResult(name: string) {
  try {
    // ok: ts/swallowed-security-check
    if (name.includes('..')) throw new Error('Access denied');
    return { status: 'done', name };
  } catch (e) {
    console.error(e);
    return { status: 'error' };
  }
}
