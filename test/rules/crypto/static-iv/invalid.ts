// IVs that never change.
import crypto from 'node:crypto';

const IV = crypto.randomBytes(16);
const FIXED_IV = Buffer.from('0123456789abcdef');

export function zeros(key: Buffer, text: string) {
  // expect: crypto/static-iv "Buffer.alloc(16)"
  const cipher = crypto.createCipheriv('aes-256-gcm', key, Buffer.alloc(16));
  return cipher.update(text);
}

export function literal(key: Buffer, text: string) {
  // expect: crypto/static-iv "'abcdefghijklmnop'"
  const cipher = crypto.createCipheriv('aes-256-gcm', key, 'abcdefghijklmnop');
  return cipher.update(text);
}

export function moduleConstant(key: Buffer, text: string) {
  // expect: crypto/static-iv "FIXED_IV"
  const cipher = crypto.createCipheriv('aes-256-gcm', key, FIXED_IV);
  return cipher.update(text);
}

export function randomOnceAtStartup(key: Buffer, text: string) {
  // expect: crypto/static-iv "IV"
  const cipher = crypto.createCipheriv('aes-256-gcm', key, IV);
  return cipher.update(text);
}

export function bytes(key: Buffer, text: string) {
  // expect: crypto/static-iv "Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])"
  const cipher = crypto.createCipheriv('aes-256-gcm', key, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
  return cipher.update(text);
}
