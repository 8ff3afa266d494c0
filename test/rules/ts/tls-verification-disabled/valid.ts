// Verification on, private CAs, and unrelated flags.
import fs from 'node:fs';
import https from 'node:https';

// ok: ts/tls-verification-disabled
export const agent = new https.Agent({ rejectUnauthorized: true });
// ok: ts/tls-verification-disabled
export const privateCa = new https.Agent({ ca: fs.readFileSync('/etc/ssl/private-ca.pem') });
// ok: ts/tls-verification-disabled
export const strict = { strictSSL: true };
// ok: ts/tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
// ok: ts/tls-verification-disabled
export const flags = { rejectUnauthorizedWarnings: false, secure: false };
