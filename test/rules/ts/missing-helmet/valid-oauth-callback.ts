// A desktop client's redirect_uri server: two constant pages and one query parameter read;
// there is no content for security headers to protect.
import express from 'express';

export function listenForRedirect(port: number, onCode: (code: string) => void) {
  let done = false;
  // ok: ts/missing-helmet
  const app = express();
  app.get('/poll', (req, res) => {
    res.status(done ? 200 : 202).send(done ? 'complete' : 'pending');
  });
  app.get('/redirect', (req, res) => {
    const code = req.query.code;
    if (!code) {
      res.status(400).send('Missing code');
      return;
    }
    done = true;
    onCode(String(code));
    res.send(`<!doctype html><p>Login complete, you may close this window.</p>`);
  });
  return app.listen(port, 'localhost');
}
