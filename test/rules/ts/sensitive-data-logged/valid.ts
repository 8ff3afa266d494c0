// Traps: logging near secrets without logging them.
import express from 'express';
import pino from 'pino';

const logger = pino();
// Project-level findings for this bare app (no helmet, limiter or authentication here):
// expect: ts/missing-auth "express()" expect: ts/missing-helmet "express()" expect: ts/missing-rate-limit "express()"
const app = express();

declare function issueToken(user: string): string;
declare function maskToken(token: string): string;

app.post('/login', (req, res) => {
  const token = issueToken(req.body.user);
  const tokens = [token];
  // The guide's own "Good" example.
  // ok: ts/sensitive-data-logged
  console.log('User authenticated successfully');
  // ok: ts/sensitive-data-logged
  console.log('token length', token.length);
  // ok: ts/sensitive-data-logged
  logger.info({ method: req.method, path: req.path }, 'request');
  // ok: ts/sensitive-data-logged
  console.log(req.headers['user-agent']);
  // ok: ts/sensitive-data-logged
  logger.info('issued token for %s', req.body.username);
  // ok: ts/sensitive-data-logged
  logger.info('masked %s', maskToken(token));
  // ok: ts/sensitive-data-logged
  console.log('tokens issued: %d', tokens.length);
  res.json({ ok: true });
});

function report(error: Error) {
  // ok: ts/sensitive-data-logged
  console.error('Internal error:', error);
}

// Not an HTTP request: a plain object that happens to be called request.
const request = { id: 1, kind: 'sync' };
// ok: ts/sensitive-data-logged
console.log(request);

// ok: ts/sensitive-data-logged
console.log('Password reset email sent');

export { app, report };

// Found in real code (@azure/msal-node): metadata of a secret-named object, and the name of a
// secret's environment variable.
declare const credential: { credentialType: string };
declare const EnvironmentVariableNames: { MSI_SECRET: string };
// ok: ts/sensitive-data-logged
logger.info(`Updated an outdated ${credential.credentialType} cache key`);
// ok: ts/sensitive-data-logged
logger.warn(`'${EnvironmentVariableNames.MSI_SECRET}' is not defined.`);
