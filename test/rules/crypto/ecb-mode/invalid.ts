// ECB in its various spellings.
import crypto from 'node:crypto';
import CryptoJS from 'crypto-js';

const MODE = 'aes-192-ecb';

export function a(key: Buffer, text: string) {
  // expect: crypto/ecb-mode "'aes-256-ecb'"
  return crypto.createCipheriv('aes-256-ecb', key, null).update(text);
}

export function b(key: Buffer, data: Buffer) {
  // expect: crypto/ecb-mode "'aes-128-ecb'"
  return crypto.createDecipheriv('aes-128-ecb', key, null).update(data);
}

export function c(key: Buffer, text: string) {
  // expect: crypto/ecb-mode "MODE"
  return crypto.createCipheriv(MODE, key, null).update(text);
}

export function d(key: Buffer, text: string) {
  // expect: crypto/ecb-mode "'des-ecb'"
  return crypto.createCipheriv('des-ecb', key, '').update(text);
}

export function e(key: string, text: string) {
  // expect: crypto/ecb-mode "CryptoJS.mode.ECB"
  return CryptoJS.AES.encrypt(text, key, { mode: CryptoJS.mode.ECB });
}

export function f(key: Buffer, text: string) {
  // expect: crypto/ecb-mode "'AES-256-ECB'"
  return crypto.createCipheriv('AES-256-ECB', key, Buffer.alloc(0)).update(text);
}
