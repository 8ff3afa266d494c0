// An HMAC that is only planned, in comments and strings, authenticates nothing.
import crypto from 'node:crypto';

// TODO: append crypto.createHmac('sha256', macKey) over iv + ciphertext (and check it with getAuthTag-like care).
export const plan = 'createHmac will be added later';

export function seal(text: string, key: Buffer) {
  const iv = crypto.randomBytes(16);
  // expect: crypto/unauthenticated-cipher "'aes-256-cbc'"
  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final()]);
}
