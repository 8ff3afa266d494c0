// Modes other than ECB, and strings that mention it.
import crypto from 'node:crypto';

export function gcm(key: Buffer, iv: Buffer, text: string) {
  // ok: crypto/ecb-mode
  return crypto.createCipheriv('aes-256-gcm', key, iv).update(text);
}

export function cbcDecrypt(key: Buffer, iv: Buffer, data: Buffer) {
  // ok: crypto/ecb-mode
  // expect: crypto/unauthenticated-cipher
  return crypto.createDecipheriv('aes-256-cbc', key, iv).update(data);
}

export function chacha(key: Buffer, iv: Buffer, text: string) {
  // ok: crypto/ecb-mode
  return crypto.createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 }).update(text);
}

// ok: crypto/ecb-mode
const docs = 'never use aes-256-ecb';

// ok: crypto/ecb-mode
const hash = crypto.createHash('sha256').update('aes-128-ecb').digest('hex');

const modes = { ECB: 'ecb' };
// ok: crypto/ecb-mode
export const label = modes.ECB + docs + hash;
