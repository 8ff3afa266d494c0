// 'unsafe-inline' and 'unsafe-eval' in CSPs (the guide's own helmet example first).
import helmet from 'helmet';
import type { Response } from 'express';

export const guide = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      // expect: ts/csp-unsafe-inline "\"'unsafe-inline'\""
      scriptSrc: ["'self'"],
      // expect: ts/csp-unsafe-inline "\"'unsafe-inline'\""
      styleSrc: ["'self'"],
    },
  },
});

export const evaluated = helmet.contentSecurityPolicy({
  directives: {
    // expect: ts/csp-unsafe-inline "\"'unsafe-eval'\""
    'script-src': ["'self'"],
  },
});

export function header(res: Response) {
  // expect: ts/csp-unsafe-inline "'unsafe-inline'"
  res.setHeader('Content-Security-Policy', "default-src 'self'; img-src *");
}

export function twoDirectives(res: Response) {
  // expect: ts/csp-unsafe-inline "'unsafe-eval'" expect: ts/csp-unsafe-inline "'unsafe-inline'"
  res.set('Content-Security-Policy', "script-src 'self'; style-src 'self'");
}
