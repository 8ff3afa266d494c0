// A fallback that makes a credential, or Math.random() that is not a fallback at all.
import { randomUUID } from 'node:crypto';

let sessionToken: string;
try {
  sessionToken = randomUUID();
} catch {
  // expect: crypto/insecure-random "Math.random()"
  sessionToken = Math.random().toString(36).slice(2);
}

export const sessionId =
  typeof globalThis.crypto?.randomUUID === 'function'
    ? globalThis.crypto.randomUUID()
    // expect: crypto/insecure-random "Math.random()"
    : Math.random().toString(36).slice(2);

// No generator tried first: Math.random() is the only source.
export const userId =
  process.env.FIXED_USER_ID ??
  // expect: crypto/insecure-random "Math.random()"
  (process.env.CI ? 'ci-user' : Math.random().toString(36).slice(2));

export function resetCode(): string {
  // expect: crypto/insecure-random "Math.random()"
  return globalThis.crypto?.randomUUID?.() ?? String(Math.floor(Math.random() * 1e6));
}

export const tokens = { sessionToken };
