import { randomInt } from 'crypto';
// Numeric one-time codes get crypto.randomInt.
export function resetCode() {
  // expect: crypto/insecure-random "Math.random()"
  const resetCode = String(randomInt(100000, 1000000));
  return resetCode;
}
