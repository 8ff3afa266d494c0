// Certificate checks turned off.
import https from 'node:https';
import axios from 'axios';
import tls from 'node:tls';

// expect: ts/tls-verification-disabled "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'"
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

// expect: ts/tls-verification-disabled "rejectUnauthorized: false"
export const agent = new https.Agent({ rejectUnauthorized: false });

export const client = axios.create({
  // expect: ts/tls-verification-disabled "rejectUnauthorized: false"
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
});

export function connect() {
  // expect: ts/tls-verification-disabled "checkServerIdentity: () => undefined"
  return tls.connect({ host: 'db.internal', port: 5432, checkServerIdentity: () => undefined });
}

// expect: ts/tls-verification-disabled "strictSSL: false"
export const legacyRequestOptions = { url: 'https://api.example.com', strictSSL: false };

// expect: ts/tls-verification-disabled "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 'false'"
if (process.env.DEV) process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 'false';
