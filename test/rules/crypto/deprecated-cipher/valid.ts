// The modern API, and things that only look like it.
import crypto, { createCipheriv, randomBytes } from 'node:crypto';

export function encrypt(text: string, key: Buffer) {
  const iv = randomBytes(12);
  // ok: crypto/deprecated-cipher
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

export function decrypt(data: Buffer, key: Buffer) {
  // ok: crypto/deprecated-cipher
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
  return decipher.update(data.subarray(12));
}

// A method of our own with the same name.
const vault = { createCipher: (name: string) => name.toUpperCase() };
// ok: crypto/deprecated-cipher
vault.createCipher('aes');

function createCipher(text: string) {
  return text;
}
// ok: crypto/deprecated-cipher
createCipher('local function, not node:crypto');

// ok: crypto/deprecated-cipher
const label = 'crypto.createCipher is deprecated';
