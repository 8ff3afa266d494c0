// Secrets and whole requests written to logs.
import express from 'express';
import winston from 'winston';

const logger = winston.createLogger({ level: 'info' });
// Project-level findings for this app (no helmet, limiter or authentication here: logging the
// Authorization header checks nothing):
// expect: ts/missing-helmet "express()" expect: ts/missing-rate-limit "express()" expect: ts/missing-auth "express()"
const app = express();
const config = { apiKey: process.env.API_KEY ?? '' };

declare function issueToken(user: string): string;

app.post('/login', (req, res) => {
  const token = issueToken(req.body.user);
  // The guide's own "Bad" example.
  // expect: ts/sensitive-data-logged "token"
  console.log(`User authenticated with token: ${token}`);
  // expect: ts/sensitive-data-logged "req.body"
  logger.info('login request', req.body);
  // expect: ts/sensitive-data-logged "req.headers.authorization"
  console.debug('auth header', req.headers.authorization);
  // expect: ts/sensitive-data-logged "req"
  console.log(req);
  const password = req.body.password;
  // expect: ts/sensitive-data-logged "password"
  logger.warn({ user: req.body.user, password });
  // expect: ts/sensitive-data-logged "config.apiKey"
  console.info('Using key ' + config.apiKey);
  // expect: ts/sensitive-data-logged "req.headers['cookie']"
  logger.debug(JSON.stringify(req.headers['cookie']));
  res.json({ ok: true });
});

export default app;
