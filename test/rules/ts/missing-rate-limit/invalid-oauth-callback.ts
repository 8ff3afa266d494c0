// Loopback servers that take more than an authorization code.
import express from 'express';
import helmet from 'helmet';
import passport from 'passport';

// A callback server that also accepts writes: each POST costs the server work.
export function callbackWithUpload(port: number) {
  // expect: ts/missing-rate-limit "express()"
  const app = express();
  app.get('/callback', (req, res) => {
    res.send(req.query.code ? 'ok' : 'missing code');
  });
  app.post('/upload', (req, res) => {
    res.sendStatus(204);
  });
  return app.listen(port, '127.0.0.1');
}

// The response object handed to other code: not a constant page.
export function delegatingCallback(port: number, finish: (res: express.Response, code: unknown) => void) {
  // expect: ts/missing-rate-limit "express()"
  const app = express();
  app.get('/callback', (req, res) => finish(res, req.query.code));
  return app.listen(port, '127.0.0.1');
}

export const elsewhere = { helmet, passport };
