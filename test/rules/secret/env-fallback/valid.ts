// Traps: fallbacks for settings that are not secrets, and secrets without a fallback.
// ok: secret/env-fallback
const port = process.env.PORT || '3000';

// ok: secret/env-fallback
const logLevel = process.env.LOG_LEVEL ?? 'info';

// ok: secret/env-fallback
const apiUrl = process.env.API_URL || 'https://api.example.com';

// An empty fallback is not a hardcoded secret.
// ok: secret/env-fallback
const optionalToken = process.env.GITHUB_TOKEN ?? '';

// ok: secret/env-fallback
const secret = process.env.JWT_SECRET;
if (!secret) throw new Error('JWT_SECRET must be set');

// ok: secret/env-fallback
const tokenUrl = process.env.TOKEN_URL || 'https://auth.example.com/token';

// ok: secret/env-fallback
const { NODE_ENV = 'development' } = process.env;

// ok: secret/env-fallback
const secretName = process.env.SECRET_NAME || 'mcp-server/production';

// A local development database with its image's default credentials is no secret to fall back to
// (secret/hardcoded-credential notes it as info).
// ok: secret/env-fallback
// expect: secret/hardcoded-credential "postgres://postgres:…"
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/app';

export { port, logLevel, apiUrl, optionalToken, secret, tokenUrl, NODE_ENV, secretName, databaseUrl };
