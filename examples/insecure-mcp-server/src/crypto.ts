import crypto from 'node:crypto';
import { config } from './config.js';

const iv = Buffer.alloc(16, 0);

// CBC without a MAC, a static IV and a hardcoded key.
export function encrypt(text: string) {
  const cipher = crypto.createCipheriv('aes-256-cbc', Buffer.from(config.encryptionKey, 'hex'), iv);
  let encrypted = cipher.update(text);
  encrypted = Buffer.concat([encrypted, cipher.final()]);
  return iv.toString('hex') + ':' + encrypted.toString('hex');
}

export function legacyEncrypt(text: string) {
  const cipher = crypto.createCipher('aes-128-ecb', 'hardcoded-key');
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function hashPassword(password: string) {
  return crypto.createHash('md5').update(password).digest('hex');
}

export function newSessionToken() {
  return Math.random().toString(36).slice(2);
}
