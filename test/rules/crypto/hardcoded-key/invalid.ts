// Keys fixed in the source.
import crypto from 'node:crypto';

const KEY = Buffer.from('8f2a61c9d04b7e35a1f6c2d9e0b4a7f38f2a61c9d04b7e35a1f6c2d9e0b4a7f3', 'hex');
const PASSWORD = 'correct-horse-battery';

export function encrypt(text: string, iv: Buffer) {
  // expect: crypto/hardcoded-key "KEY"
  return crypto.createCipheriv('aes-256-gcm', KEY, iv).update(text);
}

export function decrypt(data: Buffer, iv: Buffer) {
  // expect: crypto/hardcoded-key "Buffer.from('0123456789abcdef0123456789abcdef')"
  return crypto.createDecipheriv('aes-256-gcm', Buffer.from('0123456789abcdef0123456789abcdef'), iv).update(data);
}

export function sign(body: string) {
  // expect: crypto/hardcoded-key "'webhook-signing-secret-2024'"
  return crypto.createHmac('sha256', 'webhook-signing-secret-2024').update(body).digest('hex');
}

export function derived(text: string, iv: Buffer) {
  // expect: crypto/hardcoded-key "crypto.scryptSync(PASSWORD, 'salt', 32)"
  return crypto.createCipheriv('aes-256-gcm', crypto.scryptSync(PASSWORD, 'salt', 32), iv).update(text);
}

export function literal(text: string, iv: Buffer) {
  // expect: crypto/hardcoded-key "'an-inline-32-byte-key-0123456789'"
  return crypto.createCipheriv('aes-256-gcm', 'an-inline-32-byte-key-0123456789', iv).update(text);
}
