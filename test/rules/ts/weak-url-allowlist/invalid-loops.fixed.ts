// Allow-lists walked by a loop or an array method: each entry is checked as loosely as a literal.
const ALLOWED_HOSTS = ['docs.example.com', 'status.example.com'];
const TRUSTED_ORIGINS = new Set(['https://app.example.com', 'https://admin.example.com']);
const PARTNER_DOMAINS = ['partner.example', 'example.org'] as const;

export function forOf(url: string) {
  for (const allowed of ALLOWED_HOSTS) {
    // expect: ts/weak-url-allowlist "url.includes(allowed)"
    if (new URL(url).hostname === allowed) return true;
  }
  return false;
}

export function some(url: string) {
  // expect: ts/weak-url-allowlist "url.includes(a)"
  return ALLOWED_HOSTS.some((a) => new URL(url).hostname === a);
}

export function prefixes(redirectUrl: string) {
  // expect: ts/weak-url-allowlist "redirectUrl.startsWith(origin)"
  return [...TRUSTED_ORIGINS].some((origin) => redirectUrl.startsWith(origin + '/'));
}

export function suffixes(hostname: string) {
  // expect: ts/weak-url-allowlist "hostname.endsWith(domain)"
  return PARTNER_DOMAINS.find((domain) => (hostname === domain || hostname.endsWith('.' + domain))) !== undefined;
}

export function inline(callbackUrl: string) {
  return ['login.example.net'].every(function (host) {
    // expect: ts/weak-url-allowlist "callbackUrl.includes(host)"
    return new URL(callbackUrl).hostname === host;
  });
}
