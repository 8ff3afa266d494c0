// Database URLs with passwords: local development defaults are reported as info (a note, not a
// leak); a real-looking password, or default credentials on another host, stay errors.

// Local development defaults (info).
// expect: secret/hardcoded-credential "postgres://postgres:…"
export const localPostgres = 'postgres://postgres:postgres@127.0.0.1/db';
// expect: secret/hardcoded-credential "mysql://root:…"
export const localMysql = 'mysql://root:root@localhost:3306/shop';
// expect: secret/hardcoded-credential "amqp://guest:…"
export const localRabbit = 'amqp://guest:guest@localhost:5672';
// expect: secret/hardcoded-credential "postgresql://postgres:…"
export const composeDefault = `postgresql://postgres:mysecretpassword@0.0.0.0:5432/app`;

// Still errors: a real-looking password on localhost, default credentials elsewhere.
// expect: secret/hardcoded-credential "postgres://postgres:…"
export const localButReal = 'postgres://postgres:Tq8wLz3nVb@localhost/db';
// expect: secret/hardcoded-credential "postgres://postgres:…"
export const remoteDefault = 'postgres://postgres:postgres@db.internal:5432/app';
// expect: secret/hardcoded-credential "mongodb://admin:…"
export const lanDefault = 'mongodb://admin:admin@10.0.4.12:27017';
