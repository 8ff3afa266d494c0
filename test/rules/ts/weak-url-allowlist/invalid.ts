// Host checks an attacker's domain passes.
export function a(url: string) {
  // expect: ts/weak-url-allowlist "url.includes('api.example.com')"
  return url.includes('api.example.com');
}

export function b(redirectUrl: string) {
  // expect: ts/weak-url-allowlist "redirectUrl.startsWith('https://app.example.com')"
  return redirectUrl.startsWith('https://app.example.com');
}

export function c(hostname: string) {
  // expect: ts/weak-url-allowlist "hostname.endsWith('example.com')"
  return hostname.endsWith('example.com');
}

export function d(origin: string) {
  // expect: ts/weak-url-allowlist "/^https:\\/\\/app.example.com$/"
  return /^https:\/\/app.example.com$/.test(origin);
}

export function e(referer: string) {
  // expect: ts/weak-url-allowlist "/example\\.com/"
  return /example\.com/.test(referer);
}

export function f(target: { host: string }) {
  // expect: ts/weak-url-allowlist "target.host.includes('internal.example.org')"
  return target.host.includes('internal.example.org');
}
