// A one-login redirect server: it waits for one authorization code and answers with constants.
import express from 'express';

export function receiveCode(port: number): Promise<string> {
  return new Promise((resolve) => {
    // ok: ts/missing-rate-limit
    const app = express();
    app.set('etag', false);
    app.get('/authorize/done', (req, res) => {
      const { code, state } = req.query;
      if (typeof code !== 'string' || typeof state !== 'string') {
        res.status(400).end('Bad redirect');
        return;
      }
      resolve(code);
      res.type('html').send('<h1>Done</h1>');
    });
    app.listen(port, '127.0.0.1');
  });
}
