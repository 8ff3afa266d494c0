// Methods that fetch only what the code chose, and same-named methods of other objects.
import type { Request } from 'express';

const ALLOWED = new Set(['docs.example.com', 'status.example.com']);

class Catalog {
  async load(name: string): Promise<unknown> {
    // ok: ts/ssrf
    return (await fetch(`https://catalog.example.com/items/${encodeURIComponent(name)}`)).json();
  }

  async read(address: string): Promise<string> {
    // ok: ts/ssrf
    return (await fetch(address)).text();
  }
}

class Mirror {
  async read(address: string): Promise<string> {
    if (!ALLOWED.has(new URL(address).hostname)) throw new Error('host not allowed');
    // ok: ts/ssrf
    return (await fetch(address)).text();
  }
}

const catalog = new Catalog();
const mirror = new Mirror();
/** A map with a `read` of its own: not Catalog's. */
const cache = new Map<string, string>();
const store = { read: (key: string) => cache.get(key) };

export async function handler(req: Request) {
  await catalog.load(String(req.query.name));
  // Catalog.read is only ever called with a constant.
  await catalog.read('https://catalog.example.com/health');
  await mirror.read(String(req.query.url));
  store.read(String(req.query.slot));
  // ok: ts/ssrf
  return ['https://a.example.com', 'https://b.example.com'].map((page) => fetch(page));
}
