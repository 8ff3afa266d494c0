// Secret-named bindings set to literals that look like real secrets.
import { createPool } from 'mysql2/promise';
import session from 'express-session';

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

export const sessions = session({
  // expect: secret/hardcoded-password "'k3yb0ard-c4t-Pr0d'"
  secret: process.env.SECRET,
  resave: false,
});

// expect: secret/hardcoded-password "\"a8f5f167f44f4964e6c998dee827110c\""
export const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;

export { password, oauth };
