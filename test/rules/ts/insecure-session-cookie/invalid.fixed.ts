// express-session cookies that are sent over plain HTTP, cross-site, or readable by scripts.
import express from 'express';
import session from 'express-session';

const app = express();
const secret = process.env.SESSION_SECRET!;

// No cookie options at all: express-session's cookie is httpOnly, but not secure, with no SameSite.
// expect: ts/insecure-session-cookie "session"
app.use(session({ secret, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));

app.use(
  session({
    secret,
    // expect: ts/insecure-session-cookie "cookie"
    cookie: { maxAge: 60 * 60 * 1000, secure: true, sameSite: 'lax' },
  }),
);

app.use(
  session({
    secret,
    cookie: {
      // expect: ts/insecure-session-cookie "httpOnly: false"
      httpOnly: true,
      // expect: ts/insecure-session-cookie "secure: false"
      secure: true,
      sameSite: 'strict',
    },
  }),
);

// 'none' without secure: the browser drops the cookie or sends it with every other site's requests.
app.use(
  session({
    secret,
    // expect: ts/insecure-session-cookie "cookie"
    cookie: {
      // expect: ts/insecure-session-cookie "sameSite: 'none'"
      sameSite: 'lax',
      secure: true,
    },
  }),
);

// Secure only in production is accepted; the missing sameSite is still worth a note.
// expect: ts/insecure-session-cookie "cookie"
app.use(session({ secret, cookie: { secure: process.env.NODE_ENV === 'production', sameSite: 'lax' } }));

// Options held in a variable used nowhere else are as good as inline.
const sessionOptions = {
  secret,
  name: 'sid',
  resave: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
};
// expect: ts/insecure-session-cookie "session"
app.use(session(sessionOptions));

const cookieOptions = { path: '/', sameSite: 'lax' as const, secure: true };
// expect: ts/insecure-session-cookie "cookie"
app.use(session({ secret, cookie: cookieOptions }));

// A shorthand cookie option, declared above (a property named cookie elsewhere is no use of it).
const cookie = { maxAge: 30 * 60 * 1000, httpOnly: true, secure: true, sameSite: 'lax' };
// expect: ts/insecure-session-cookie "cookie"
app.use(session({ secret, cookie }));

// A CommonJS require under another name is the same library.
const expressSession = require('express-session');
// expect: ts/insecure-session-cookie "cookie"
app.use(expressSession({ secret, cookie: { secure: 'auto', sameSite: 'lax' }, proxy: true }));

// expect: ts/insecure-session-cookie "session"
app.use(session({ cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));

export { app };
