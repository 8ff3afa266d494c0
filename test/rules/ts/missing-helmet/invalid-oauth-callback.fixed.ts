// Redirect servers that render more than constant pages (rate limiting and authentication are
// another file's job here).
import express from 'express';
import rateLimit from 'express-rate-limit';
import passport from 'passport';
import helmet from 'helmet';

// The error description from the query goes into the page: headers (CSP) are worth having.
export function echoingCallback(port: number) {
  // expect: ts/missing-helmet "express()"
  const app = express();
  app.use(helmet());
  app.get('/callback', (req, res) => {
    if (req.query.error) {
      res.status(400).send(`<p>Login failed: ${req.query.error_description}</p>`);
      return;
    }
    res.send('Signed in.');
  });
  return app.listen(port, '127.0.0.1');
}

// The callback page served through a template engine: not a constant page.
export function renderingCallback(port: number) {
  // expect: ts/missing-helmet "express()"
  const app = express();
  app.use(helmet());
  app.get('/callback', (req, res) => {
    res.render('signed-in', { code: req.query.code });
  });
  return app.listen(port, '127.0.0.1');
}

export const elsewhere = { rateLimit, passport };
