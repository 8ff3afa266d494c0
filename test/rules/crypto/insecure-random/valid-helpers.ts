// Helpers that do not use Math.random, or values that need not be unguessable.
import { randomBytes } from 'node:crypto';

function randomString(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

function jitter(): number {
  return Math.random() * 100;
}

// ok: crypto/insecure-random
export const resetToken = randomString(32);

// ok: crypto/insecure-random
export const retryDelay = jitter();

export function layout() {
  // ok: crypto/insecure-random
  return { colorSeed: jitter(), tokenCount: 3 };
}

// ok: crypto/insecure-random
export const sessionId = crypto.randomUUID();

const shuffle = (items: string[]) => [...items].sort(() => Math.random() - 0.5);
// ok: crypto/insecure-random
export const order = shuffle(['a', 'b']);
