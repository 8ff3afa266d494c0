// Fresh IVs, and decryption (whose IV comes from the message).
import crypto, { randomBytes } from 'node:crypto';

export function encrypt(key: Buffer, text: string) {
  const iv = randomBytes(12);
  // ok: crypto/static-iv
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

export function inline(key: Buffer, text: string) {
  // ok: crypto/static-iv
  return crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12)).update(text);
}

export function decrypt(key: Buffer, data: Buffer) {
  // ok: crypto/static-iv
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
  return decipher.update(data.subarray(12));
}

export function fromParameter(key: Buffer, iv: Buffer, text: string) {
  // ok: crypto/static-iv
  return crypto.createCipheriv('aes-256-gcm', key, iv).update(text);
}

function freshIv() {
  return randomBytes(12);
}

export function helper(key: Buffer, text: string) {
  // ok: crypto/static-iv
  return crypto.createCipheriv('aes-256-gcm', key, freshIv()).update(text);
}
