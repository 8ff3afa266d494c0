// Strict policies, nonces and hashes (which make 'unsafe-inline' a fallback old browsers use).
import helmet from 'helmet';
import type { Response } from 'express';

export const strict = helmet({
  contentSecurityPolicy: {
    directives: {
      // ok: ts/csp-unsafe-inline
      scriptSrc: ["'self'"],
      // ok: ts/csp-unsafe-inline
      styleSrc: ["'self'", 'https://fonts.googleapis.com'],
    },
  },
});

export function nonce(res: Response, value: string) {
  // ok: ts/csp-unsafe-inline
  res.setHeader('Content-Security-Policy', `script-src 'nonce-${value}' 'strict-dynamic' 'unsafe-inline'`);
  // ok: ts/csp-unsafe-inline
  res.setHeader('Content-Security-Policy', "script-src 'sha256-abc123=' 'unsafe-inline'");
}

export const withNonce = helmet.contentSecurityPolicy({
  directives: {
    // ok: ts/csp-unsafe-inline
    scriptSrc: ["'self'", "'nonce-r4nd0m'", "'unsafe-inline'"],
  },
});

// ok: ts/csp-unsafe-inline
export const docs = "Avoid 'unsafe-inline' in your policy";
// ok: ts/csp-unsafe-inline
export const options = { unsafe: ["'unsafe-inline'"] };
