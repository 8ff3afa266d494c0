// Secret-named bindings set to literals that look like real secrets.
import { createPool } from 'mysql2/promise';
import session from 'express-session';
import cookieSession from 'cookie-session';

// expect: secret/hardcoded-password "'SuperSecret123!'"
const password = 'SuperSecret123!';

export const pool = createPool({
  host: 'db.internal',
  user: 'app',
  // expect: secret/hardcoded-password "'pg_Pr0d#2024'"
  password: 'pg_Pr0d#2024',
});

export class Mailer {
  // expect: secret/hardcoded-password "'m4il-S3cret-t0ken'"
  private smtpPassword = 'm4il-S3cret-t0ken';
}

const oauth = { clientId: 'mcp-server' } as { clientId: string; clientSecret?: string };
// expect: secret/hardcoded-password "'c1i3nt-s3cr3t-9f8e7d'"
oauth.clientSecret = 'c1i3nt-s3cr3t-9f8e7d';

// expect: secret/hardcoded-password "'Adm1n!2345'"
export function connectAdmin(user: string, dbPassword = 'Adm1n!2345') {
  return { user, dbPassword };
}

// expect: ts/insecure-session-cookie "session"
export const sessions = session({
  // expect: secret/hardcoded-password "'k3yb0ard-c4t-Pr0d'"
  secret: 'k3yb0ard-c4t-Pr0d',
  resave: false,
});

// expect: secret/hardcoded-password "\"a8f5f167f44f4964e6c998dee827110c\""
export const WEBHOOK_SECRET = "a8f5f167f44f4964e6c998dee827110c";

// Session signing secrets are secrets whatever they look like: spaces and the libraries' own
// example value ('keyboard cat') included.
const cookie = { httpOnly: true, secure: true, sameSite: 'lax' as const };
export const exampleSession = session({
  // expect: secret/hardcoded-password "'keyboard cat'"
  secret: 'keyboard cat',
  cookie,
});
export const rotatedSession = session({
  // expect: secret/hardcoded-password "'first words here'"
  // expect: secret/hardcoded-password "'older words here'"
  secret: ['first words here', 'older words here'],
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
});
export const signedCookies = cookieSession({
  name: 'sess',
  // expect: secret/hardcoded-password "'a b c'"
  keys: ['a b c'],
  sameSite: 'lax',
});
// express-session's README shape: the options in a variable, the secret written into them.
const sess = {
  // expect: secret/hardcoded-password "'keyboard cat'"
  secret: 'keyboard cat',
  cookie: { secure: false },
};
// ok: ts/insecure-session-cookie
export const readmeSession = session(sess);
if (process.env.NODE_ENV === 'production') sess.cookie.secure = true;

// expect: secret/hardcoded-password "'words of the session'"
const SESSION_WORDS = 'words of the session';
export const constSession = cookieSession({ secret: SESSION_WORDS, sameSite: 'strict' });

export { password, oauth };
