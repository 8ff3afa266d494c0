// Traps: things that look like credentials to a naive matcher but are not.
import OpenAI from 'openai';

// ok: secret/hardcoded-credential
const apiKey = process.env.OPENAI_API_KEY;

// ok: secret/hardcoded-credential
const placeholder = 'sk-your-key-here';

// The access key id from the AWS documentation.
// ok: secret/hardcoded-credential
const documented = 'AKIAIOSFODNN7EXAMPLE';

// ok: secret/hardcoded-credential
const spinner = 'sk-loading-spinner-container';

// ok: secret/hardcoded-credential
const masked = 'sk-proj-****************************';

// A PEM parser looks for the header; there is no key here.
// ok: secret/hardcoded-credential
const isPrivateKey = (pem: string) => pem.startsWith('-----BEGIN PRIVATE KEY-----');

// The guide's .env example uses a placeholder password.
// ok: secret/hardcoded-credential
const localDb = 'postgres://user:password@localhost/db';

// ok: secret/hardcoded-credential
const built = (user: string, pass: string) => `postgres://${user}:${pass}@db.internal/app`;

// An unsigned token is not a credential.
// ok: secret/hardcoded-credential
const unsigned = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.';

// ok: secret/hardcoded-credential
const taskId = 'task-1234567890abcdef';

// Keys look like sk-... and are read from OPENAI_API_KEY.
// ok: secret/hardcoded-credential
export const client = new OpenAI({ apiKey });

// Found in real code (fast-uri tests): the classic foo:bar pair.
// ok: secret/hardcoded-credential
const serialized = 'uri://foo:bar@example.com:1/path?query#fragment';

export { serialized };
export { placeholder, documented, spinner, masked, isPrivateKey, localDb, built, unsigned, taskId };
