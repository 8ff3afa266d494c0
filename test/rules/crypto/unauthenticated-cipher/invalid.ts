// Encryption with no integrity check anywhere in the module (the guide's example).
import crypto from 'node:crypto';

const algorithm = 'aes-256-cbc';

export function encrypt(text: string, key: Buffer) {
  const iv = crypto.randomBytes(16);
  // expect: crypto/unauthenticated-cipher "algorithm"
  const cipher = crypto.createCipheriv(algorithm, key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final()]);
}

export function decrypt(data: Buffer, key: Buffer) {
  // expect: crypto/unauthenticated-cipher "'aes-256-cbc'"
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
}

export function counter(text: string, key: Buffer, iv: Buffer) {
  // expect: crypto/unauthenticated-cipher "'aes-128-ctr'"
  return crypto.createCipheriv('aes-128-ctr', key, iv).update(text);
}

export function alias(text: string, key: Buffer, iv: Buffer) {
  // expect: crypto/unauthenticated-cipher "'aes256'"
  return crypto.createCipheriv('aes256', key, iv).update(text);
}

export function feedback(text: string, key: Buffer, iv: Buffer) {
  // expect: crypto/unauthenticated-cipher "'aes-192-cfb'"
  return crypto.createCipheriv('aes-192-cfb', key, iv).update(text);
}
