// Relative paths we build, allow-listed targets and constants.
import type { Request, Response } from 'express';

const ALLOWED = new Set(['app.example.com']);

export function profile(req: Request, res: Response) {
  // ok: ts/open-redirect
  res.redirect(`/users/${encodeURIComponent(req.params.id)}`);
}

export function checked(req: Request, res: Response) {
  const next = String(req.query.next);
  if (!ALLOWED.has(new URL(next).hostname)) return res.redirect('/');
  // ok: ts/open-redirect
  res.redirect(next);
}

export function home(req: Request, res: Response) {
  // ok: ts/open-redirect
  res.redirect('/dashboard');
}

export function https(req: Request, res: Response) {
  // ok: ts/open-redirect
  res.redirect(301, `https://app.example.com${req.originalUrl}`);
}

export function login(req: Request, res: Response) {
  // ok: ts/open-redirect
  res.redirect('/login?next=' + encodeURIComponent(req.originalUrl));
}
