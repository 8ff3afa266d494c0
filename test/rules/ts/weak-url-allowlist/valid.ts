// Exact host comparison, dotted suffixes, slash-terminated prefixes and anchored escaped patterns.
const ALLOWED = new Set(['api.example.com']);

export function a(url: string) {
  // ok: ts/weak-url-allowlist
  return ALLOWED.has(new URL(url).hostname);
}

export function b(hostname: string) {
  // ok: ts/weak-url-allowlist
  return hostname === 'example.com' || hostname.endsWith('.example.com');
}

export function c(redirectUrl: string) {
  // ok: ts/weak-url-allowlist
  return redirectUrl.startsWith('https://app.example.com/');
}

export function d(origin: string) {
  // ok: ts/weak-url-allowlist
  return /^https:\/\/app\.example\.com$/.test(origin);
}

export function e(message: string, fileName: string) {
  // ok: ts/weak-url-allowlist
  const mentions = message.includes('example.com');
  // ok: ts/weak-url-allowlist
  return mentions && fileName.endsWith('config.json');
}
