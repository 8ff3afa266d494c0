// Math.random where predictability does not matter, and crypto where it does.
import { randomBytes, randomUUID } from 'node:crypto';

// ok: crypto/insecure-random
const jitter = Math.random() * 100;

export function pick<T>(items: T[]): T {
  // ok: crypto/insecure-random
  return items[Math.floor(Math.random() * items.length)];
}

export function retryDelay(attempt: number) {
  // ok: crypto/insecure-random
  const delay = 2 ** attempt * 100 + Math.random() * 50;
  return delay + jitter;
}

// ok: crypto/insecure-random
export const colour = `hsl(${Math.random() * 360}, 70%, 50%)`;

export function token() {
  // ok: crypto/insecure-random
  return { token: randomBytes(32).toString('hex'), id: randomUUID() };
}

export function sample() {
  // ok: crypto/insecure-random
  const key = Math.random() > 0.5 ? 'a' : 'b';
  return key;
}
