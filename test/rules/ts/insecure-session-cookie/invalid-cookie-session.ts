// cookie-session takes its cookie options at the top level.
import express from 'express';
import cookieSession from 'cookie-session';

const app = express();
const keys = (process.env.SESSION_KEYS ?? '').split(',');

// expect: ts/insecure-session-cookie "cookieSession"
app.use(cookieSession({ name: 'session', keys, maxAge: 24 * 60 * 60 * 1000 }));

app.use(
  cookieSession({
    keys,
    // expect: ts/insecure-session-cookie "secure: false"
    secure: false,
    // expect: ts/insecure-session-cookie "sameSite: 'none'"
    sameSite: 'none',
  }),
);

app.use(
  cookieSession({
    keys,
    // expect: ts/insecure-session-cookie "httpOnly: false"
    httpOnly: false,
    sameSite: 'strict',
  }),
);

app.use(cookieSession({
  keys,
  // expect: ts/insecure-session-cookie "sameSite: false"
  sameSite: false,
  secure: true
}));

export { app };
