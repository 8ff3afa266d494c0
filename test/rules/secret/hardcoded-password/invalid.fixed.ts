// Secret-named bindings set to literals that look like real secrets.
import { createPool } from 'mysql2/promise';
import session from 'express-session';
import cookieSession from 'cookie-session';

// expect: secret/hardcoded-password "'SuperSecret123!'"
const password = process.env.PASSWORD;

export const pool = createPool({
  host: 'db.internal',
  user: 'app',
  // expect: secret/hardcoded-password "'pg_Pr0d#2024'"
  password: process.env.PASSWORD,
});

export class Mailer {
  // expect: secret/hardcoded-password "'m4il-S3cret-t0ken'"
  private smtpPassword = process.env.SMTP_PASSWORD;
}

const oauth = { clientId: 'mcp-server' } as { clientId: string; clientSecret?: string };
// expect: secret/hardcoded-password "'c1i3nt-s3cr3t-9f8e7d'"
oauth.clientSecret = process.env.CLIENT_SECRET;

// expect: secret/hardcoded-password "'Adm1n!2345'"
export function connectAdmin(user: string, dbPassword = process.env.DB_PASSWORD) {
  return { user, dbPassword };
}

// expect: ts/insecure-session-cookie "session"
export const sessions = session({
  // expect: secret/hardcoded-password "'k3yb0ard-c4t-Pr0d'"
  secret: process.env.SESSION_SECRET,
  resave: false,
});

// expect: secret/hardcoded-password "\"a8f5f167f44f4964e6c998dee827110c\""
export const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;

// Session signing secrets are secrets whatever they look like: spaces and the libraries' own
// example value ('keyboard cat') included.
const cookie = { httpOnly: true, secure: true, sameSite: 'lax' as const };
export const exampleSession = session({
  // expect: secret/hardcoded-password "'keyboard cat'"
  secret: process.env.SESSION_SECRET,
  cookie,
});
export const rotatedSession = session({
  // expect: secret/hardcoded-password "'first words here'"
  // expect: secret/hardcoded-password "'older words here'"
  secret: [process.env.SESSION_SECRET_1, process.env.SESSION_SECRET_2],
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
});
export const signedCookies = cookieSession({
  name: 'sess',
  // expect: secret/hardcoded-password "'a b c'"
  keys: [process.env.SESSION_KEY],
  sameSite: 'lax',
});
// express-session's README shape: the options in a variable, the secret written into them.
const sess = {
  // expect: secret/hardcoded-password "'keyboard cat'"
  secret: process.env.SESSION_SECRET,
  cookie: { secure: false },
};
// ok: ts/insecure-session-cookie
export const readmeSession = session(sess);
if (process.env.NODE_ENV === 'production') sess.cookie.secure = true;

// expect: secret/hardcoded-password "'words of the session'"
const SESSION_WORDS = process.env.SESSION_SECRET;
export const constSession = cookieSession({ secret: SESSION_WORDS, sameSite: 'strict' });

export { password, oauth };
