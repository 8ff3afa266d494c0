// Math.random for values that must be unguessable.
export function makeToken() {
  // expect: crypto/insecure-random "Math.random()"
  const token = Math.random().toString(36).slice(2);
  return token;
}

export function session() {
  // expect: crypto/insecure-random "Math.random()"
  return { sessionId: Math.floor(Math.random() * 1e16).toString(16) };
}

export function generateApiKey() {
  // expect: crypto/insecure-random "Math.random()"
  return `key_${Math.random().toString(36).substring(2)}`;
}

export function csrf() {
  // expect: crypto/insecure-random "Math.random()"
  return { csrfToken: Math.random().toString(16).slice(2) };
}

export function headers() {
  // expect: crypto/insecure-random "Math.random()"
  const nonce = Math.random().toString(36);
  return `script-src 'nonce-${nonce}'`;
}
