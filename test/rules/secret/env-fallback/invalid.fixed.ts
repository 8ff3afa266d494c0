// Secrets read from the environment with a hardcoded fallback.
import jwt from 'jsonwebtoken';

// expect: secret/env-fallback "'your-secret-key'"
const jwtSecret = requiredEnv('JWT_SECRET');

// expect: secret/env-fallback "'dev-session-secret'"
export const sessionSecret = requiredEnv('SESSION_SECRET');

export const config = {
  // expect: secret/env-fallback "'internal-admin-token'"
  adminToken: requiredEnv('ADMIN_TOKEN'),
};

// A credential-format fallback is a finding whatever the variable is called.
// expect: secret/env-fallback "'postgres://admin:…"
// expect: secret/hardcoded-credential "postgres://admin:…"
const databaseUrl = requiredEnv('DATABASE_URL');

// expect: secret/env-fallback "'dev'"
const { API_KEY = 'dev' } = process.env;

export function sign(userId: string) {
  return jwt.sign({ sub: userId }, jwtSecret, { expiresIn: '1h' });
}

export { databaseUrl, API_KEY };

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}
