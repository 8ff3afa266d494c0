// Database URLs with passwords: local development defaults are reported as info (a note, not a
// leak); a real-looking password, or default credentials on another host, stay errors.

// Local development defaults (info).
// expect: secret/hardcoded-credential "postgres://postgres:…"
export const localPostgres = process.env.DATABASE_URL;
// expect: secret/hardcoded-credential "mysql://root:…"
export const localMysql = process.env.DATABASE_URL;
// expect: secret/hardcoded-credential "amqp://guest:…"
export const localRabbit = process.env.DATABASE_URL;
// expect: secret/hardcoded-credential "postgresql://postgres:…"
export const composeDefault = process.env.DATABASE_URL;

// Still errors: a real-looking password on localhost, default credentials elsewhere.
// expect: secret/hardcoded-credential "postgres://postgres:…"
export const localButReal = process.env.DATABASE_URL;
// expect: secret/hardcoded-credential "postgres://postgres:…"
export const remoteDefault = process.env.DATABASE_URL;
// expect: secret/hardcoded-credential "mongodb://admin:…"
export const lanDefault = process.env.DATABASE_URL;
