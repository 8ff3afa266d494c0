// Numeric one-time codes get crypto.randomInt.
export function resetCode() {
  // expect: crypto/insecure-random "Math.random()"
  const resetCode = String(Math.floor(100000 + Math.random() * 900000));
  return resetCode;
}
