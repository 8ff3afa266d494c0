// Traps: session cookies that are configured well, decided at run time, or not ours to judge.
import express from 'express';
import session from 'express-session';
import cookieSession from 'cookie-session';
import koaSession from 'koa-session';
import { baseSessionOptions, cookieDefaults } from './config';

const app = express();
const secret = process.env.SESSION_SECRET!;

// ok: ts/insecure-session-cookie
app.use(session({ secret, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));

// Secure decided by the environment (plain HTTP in development): accepted.
app.use(
  // ok: ts/insecure-session-cookie
  session({ secret, cookie: { secure: process.env.NODE_ENV === 'production', sameSite: 'strict' } }),
);

// 'auto' follows the connection (with trust proxy behind a TLS proxy).
// ok: ts/insecure-session-cookie
app.use(session({ secret, proxy: true, cookie: { secure: 'auto', sameSite: 'lax' } }));

// Options spread from elsewhere: what they hold is not visible here.
// ok: ts/insecure-session-cookie
app.use(session({ ...baseSessionOptions, secret }));
// ok: ts/insecure-session-cookie
app.use(session({ secret, cookie: { ...cookieDefaults, maxAge: 3600_000 } }));
// ok: ts/insecure-session-cookie
app.use(session(baseSessionOptions));

// express-session's own README pattern: secure switched on in production after the declaration.
const sess = { secret, cookie: {} as { secure?: boolean; sameSite?: 'lax' } };
if (app.get('env') === 'production') {
  app.set('trust proxy', 1);
  sess.cookie.secure = true;
  sess.cookie.sameSite = 'lax';
}
// ok: ts/insecure-session-cookie
app.use(session(sess));

// Cross-site on purpose, over HTTPS only.
// ok: ts/insecure-session-cookie
app.use(session({ secret, cookie: { secure: true, sameSite: 'none' } }));

// cookie-session marks the cookie Secure on HTTPS requests when secure is left out.
// ok: ts/insecure-session-cookie
app.use(cookieSession({ keys: [secret], sameSite: 'lax' }));

// Another library, and a local function, named session.
// ok: ts/insecure-session-cookie
export const koa = koaSession({ key: 'sid' }, {} as never);
function localSession(options: { ttl: number }) {
  return options;
}
// ok: ts/insecure-session-cookie
localSession({ ttl: 60 });

export { app };
