// Secret-named bindings set to literals that look like real secrets.
import { createPool } from 'mysql2/promise';
import session from 'express-session';

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

export const sessions = session({
  // expect: secret/hardcoded-password "'k3yb0ard-c4t-Pr0d'"
  secret: 'k3yb0ard-c4t-Pr0d',
  resave: false,
});

// expect: secret/hardcoded-password "\"a8f5f167f44f4964e6c998dee827110c\""
export const WEBHOOK_SECRET = "a8f5f167f44f4964e6c998dee827110c";

export { password, oauth };
