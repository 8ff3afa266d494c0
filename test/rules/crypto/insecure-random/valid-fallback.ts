// Math.random() only where randomUUID() is missing or failed, for ids that must not collide
// but need not be unguessable.
import { randomUUID } from 'node:crypto';

let installId = 'unknown';
try {
  installId = randomUUID();
} catch {
  // ok: crypto/insecure-random
  installId = `install-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const deviceId =
  typeof globalThis.crypto?.randomUUID === 'function'
    ? globalThis.crypto.randomUUID()
    // ok: crypto/insecure-random
    : Math.random().toString(36).slice(2);

// ok: crypto/insecure-random
export const clientId = globalThis.crypto?.randomUUID?.() ?? String(Math.random()).slice(2);

export function newRequestId(): string {
  let requestId: string;
  if (globalThis.crypto?.randomUUID) {
    requestId = globalThis.crypto.randomUUID();
  } else {
    // ok: crypto/insecure-random
    requestId = Math.random().toString(16).slice(2);
  }
  return requestId;
}

export const events = { installId };
