// Authenticated encryption: GCM, or CBC with an HMAC in the same module (encrypt-then-MAC).
import crypto from 'node:crypto';

export function encrypt(text: string, key: Buffer, macKey: Buffer) {
  const iv = crypto.randomBytes(16);
  // ok: crypto/unauthenticated-cipher
  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
  const body = Buffer.concat([iv, cipher.update(text), cipher.final()]);
  const mac = crypto.createHmac('sha256', macKey).update(body).digest();
  return Buffer.concat([body, mac]);
}

export function gcm(text: string, key: Buffer) {
  const iv = crypto.randomBytes(12);
  // ok: crypto/unauthenticated-cipher
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

export function chacha(text: string, key: Buffer, iv: Buffer) {
  // ok: crypto/unauthenticated-cipher
  return crypto.createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 }).update(text);
}

export function ccm(text: string, key: Buffer, iv: Buffer) {
  // ok: crypto/unauthenticated-cipher
  return crypto.createCipheriv('aes-128-ccm', key, iv, { authTagLength: 16 }).update(text);
}

export function unknownAlgorithm(text: string, key: Buffer, iv: Buffer, algorithm: string) {
  // ok: crypto/unauthenticated-cipher
  return crypto.createCipheriv(algorithm, key, iv).update(text);
}
