// 'unsafe-inline' and 'unsafe-eval' in CSPs (the guide's own helmet example first).
import helmet from 'helmet';
import type { Response } from 'express';

export const guide = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      // expect: ts/csp-unsafe-inline "\"'unsafe-inline'\""
      scriptSrc: ["'self'", "'unsafe-inline'"],
      // expect: ts/csp-unsafe-inline "\"'unsafe-inline'\""
      styleSrc: ["'self'", "'unsafe-inline'"],
    },
  },
});

export const evaluated = helmet.contentSecurityPolicy({
  directives: {
    // expect: ts/csp-unsafe-inline "\"'unsafe-eval'\""
    'script-src': ["'self'", "'unsafe-eval'"],
  },
});

export function header(res: Response) {
  // expect: ts/csp-unsafe-inline "'unsafe-inline'"
  res.setHeader('Content-Security-Policy', "default-src 'self' 'unsafe-inline'; img-src *");
}

export function twoDirectives(res: Response) {
  // expect: ts/csp-unsafe-inline "'unsafe-eval'" expect: ts/csp-unsafe-inline "'unsafe-inline'"
  res.set('Content-Security-Policy', "script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'");
}
