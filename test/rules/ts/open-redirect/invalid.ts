// Redirects to a URL from the request.
import type { Request, Response } from 'express';

export function login(req: Request, res: Response) {
  // expect: ts/open-redirect "String(req.query.next)"
  res.redirect(String(req.query.next));
}

export function permanent(req: Request, res: Response) {
  // expect: ts/open-redirect "req.body.returnTo"
  res.redirect(301, req.body.returnTo);
}

export function header(req: Request, res: Response) {
  const { target } = req.query;
  // expect: ts/open-redirect "target as string"
  res.setHeader('Location', target as string);
  res.status(302).end();
}

export function koa(ctx: { query: Record<string, string>; redirect: (url: string) => void }) {
  // expect: ts/open-redirect "ctx.query.url"
  ctx.redirect(ctx.query.url);
}

export function template(req: Request, res: Response) {
  // expect: ts/open-redirect "`${req.query.base}/welcome`"
  res.redirect(`${req.query.base}/welcome`);
}
