// createCipher/createDecipher derive the IV from the password.
import crypto from 'node:crypto';
import { createDecipher } from 'crypto';
const cryptoModule = require('crypto');

export function encrypt(text: string, password: string) {
  // expect: crypto/deprecated-cipher "createCipher"
  const cipher = crypto.createCipher('aes-256-cbc', password);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function decrypt(data: string, password: string) {
  // expect: crypto/deprecated-cipher "createDecipher"
  const decipher = createDecipher('aes-256-cbc', password);
  return decipher.update(data, 'hex', 'utf8') + decipher.final('utf8');
}

export function legacy(text: string, password: string) {
  // expect: crypto/deprecated-cipher "createCipher"
  const c = cryptoModule.createCipher('aes192', password);
  return c.update(text);
}

export function inline(text: string, key: string) {
  // expect: crypto/deprecated-cipher "createCipher"
  return crypto.createCipher('aes-128-cbc', key).update(text);
}

export function decryptLegacy(data: Buffer, key: string) {
  // expect: crypto/deprecated-cipher "createDecipher"
  return crypto.createDecipher('aes-128-cbc', key).update(data);
}
