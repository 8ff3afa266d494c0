// Secrets read from the environment with a hardcoded fallback.
import jwt from 'jsonwebtoken';

// expect: secret/env-fallback "'your-secret-key'"
const jwtSecret = process.env.JWT_SECRET || 'your-secret-key';

// expect: secret/env-fallback "'dev-session-secret'"
export const sessionSecret = process.env.SESSION_SECRET ?? 'dev-session-secret';

export const config = {
  // expect: secret/env-fallback "'internal-admin-token'"
  adminToken: process.env['ADMIN_TOKEN'] || 'internal-admin-token',
};

// A credential-format fallback is a finding whatever the variable is called.
// expect: secret/env-fallback "'postgres://admin:…"
// expect: secret/hardcoded-credential "postgres://admin:…"
const databaseUrl = process.env.DATABASE_URL || 'postgres://admin:Xk29vLq7pR@db.internal/app';

// expect: secret/env-fallback "'dev'"
const { API_KEY = 'dev' } = process.env;

export function sign(userId: string) {
  return jwt.sign({ sub: userId }, jwtSecret, { expiresIn: '1h' });
}

export { databaseUrl, API_KEY };
