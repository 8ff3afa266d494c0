import { randomUUID } from 'crypto';
// Math.random for values that must be unguessable.
export function makeToken() {
  // expect: crypto/insecure-random "Math.random()"
  const token = randomUUID();
  return token;
}

export function session() {
  // expect: crypto/insecure-random "Math.random()"
  return { sessionId: randomUUID() };
}

export function generateApiKey() {
  // expect: crypto/insecure-random "Math.random()"
  return `key_${randomUUID()}`;
}

export function csrf() {
  // expect: crypto/insecure-random "Math.random()"
  return { csrfToken: randomUUID() };
}

export function headers() {
  // expect: crypto/insecure-random "Math.random()"
  const nonce = randomUUID();
  return `script-src 'nonce-${nonce}'`;
}
