// A fallback that makes a credential, or Math.random() that is not a fallback at all.
import { randomUUID, randomInt } from 'node:crypto';

let sessionToken: string;
try {
  sessionToken = randomUUID();
} catch {
  // expect: crypto/insecure-random "Math.random()"
  sessionToken = randomUUID();
}

export const sessionId =
  typeof globalThis.crypto?.randomUUID === 'function'
    ? globalThis.crypto.randomUUID()
    // expect: crypto/insecure-random "Math.random()"
    : randomUUID();

// No generator tried first: Math.random() is the only source.
export const userId =
  process.env.FIXED_USER_ID ??
  // expect: crypto/insecure-random "Math.random()"
  (process.env.CI ? 'ci-user' : randomUUID());

export function resetCode(): string {
  // expect: crypto/insecure-random "Math.random()"
  return globalThis.crypto?.randomUUID?.() ?? String(randomInt(100000, 1000000));
}

export const tokens = { sessionToken };
