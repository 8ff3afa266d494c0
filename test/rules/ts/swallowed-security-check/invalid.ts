// Denials thrown inside a try whose catch recovers as if the check had passed.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const roots = ['/srv/workspace'];
const inside = (candidate: string): boolean => roots.some((root) => candidate.startsWith(root + path.sep));

class AccessDeniedError extends Error {}
declare function knownToken(token: string | undefined): boolean;

// The shape of the bug: the catch meant for "file does not exist yet" swallows the denial.
export async function resolveWithin(requested: string): Promise<string> {
  const absolute = path.resolve(requested);
  try {
    const real = await fs.realpath(absolute);
    if (!inside(real)) {
      // expect: ts/swallowed-security-check "new Error(`Access denied - path outside allowed directories: ${real}`)"
      throw new Error(`Access denied - path outside allowed directories: ${real}`);
    }
    return real;
  } catch (error) {
    // a new file: check its folder instead
    const parent = path.dirname(absolute);
    try {
      const realParent = await fs.realpath(parent);
      if (!inside(realParent)) throw new Error('Parent folder is not in the workspace');
      return absolute;
    } catch {
      throw new Error(`Parent directory does not exist: ${parent}`);
    }
  }
}

// A custom denial class, and a catch that returns the input.
export function checkedName(name: string): string {
  try {
    // expect: ts/swallowed-security-check "new AccessDeniedError(name)"
    if (name.includes('..')) throw new AccessDeniedError(name);
    return path.normalize(name);
  } catch (e) {
    console.warn('could not normalize', e);
    return name;
  }
}

// Middleware whose catch lets the request through.
export function requireToken(req: Request, res: Response, next: NextFunction) {
  try {
    const token = req.get('authorization');
    // expect: ts/swallowed-security-check "new Error('Invalid token')"
    if (!knownToken(token)) throw new Error('Invalid token');
    res.locals.user = 'service';
  } catch (err) {
    res.locals.user = 'anonymous';
  }
  next();
}

// A guard on an unrelated condition leaves the denial unguarded when it is false.
export function allowedHost(url: string, strict: boolean): boolean {
  try {
    const host = new URL(url).hostname;
    // expect: ts/swallowed-security-check "new Error(`Host ${host} is not allowed`)"
    if (!host.endsWith('.example.com')) throw new Error(`Host ${host} is not allowed`);
    return true;
  } catch (error) {
    if (strict) throw error;
    return true;
  }
}

// An HTTP error class thrown with 403, and code after the try that runs anyway.
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function removeFile(owner: string, user: string, file: string) {
  try {
    // expect: ts/swallowed-security-check "new HttpError(403, 'not yours')"
    if (owner !== user) throw new HttpError(403, 'not yours');
  } catch {
    // ignore
  }
  await fs.rm(path.join('/srv/workspace', path.basename(file)));
}

// A switch on something else, then success.
export function permissionFor(role: string, mode: string) {
  try {
    // expect: ts/swallowed-security-check "new Error('Permission denied for ' + role)"
    if (role === 'guest') throw new Error('Permission denied for ' + role);
    return { mode, role };
  } catch {
    switch (mode) {
      case 'read':
        return { mode, role: 'reader' };
      default:
        return { mode, role };
    }
  }
}
