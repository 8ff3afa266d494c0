// Keys from configuration, key files and key derivation from secrets.
import crypto from 'node:crypto';
import fs from 'node:fs';

const KEY = Buffer.from(process.env.ENCRYPTION_KEY ?? '', 'hex');

export function encrypt(text: string, iv: Buffer) {
  // ok: crypto/hardcoded-key
  return crypto.createCipheriv('aes-256-gcm', KEY, iv).update(text);
}

export function fromFile(text: string, iv: Buffer) {
  // ok: crypto/hardcoded-key
  return crypto.createCipheriv('aes-256-gcm', fs.readFileSync('/run/secrets/key'), iv).update(text);
}

export function derived(text: string, iv: Buffer, password: string, salt: Buffer) {
  // ok: crypto/hardcoded-key
  return crypto.createCipheriv('aes-256-gcm', crypto.scryptSync(password, salt, 32), iv).update(text);
}

export function hmac(body: string) {
  // ok: crypto/hardcoded-key
  return crypto.createHmac('sha256', process.env.WEBHOOK_SECRET as string).update(body).digest('hex');
}

export function parameter(body: string, secret: crypto.KeyObject) {
  // ok: crypto/hardcoded-key
  return crypto.createHmac('sha256', secret).update(body).digest('hex');
}
