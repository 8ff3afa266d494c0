// A command-line client's OAuth redirect server: the browser arrives by a redirect from the
// authorization server and can bring no credential; state and PKCE protect the code exchange.
import express from 'express';
import { EventEmitter } from 'node:events';

export function awaitAuthorization(port: number, callbackPath: string, events: EventEmitter) {
  let received: string | undefined;
  // ok: ts/missing-auth
  const app = express();
  app.disable('x-powered-by');
  app.get('/auth-status', (req, res) => {
    if (req.query.wait === 'no') {
      res.status(202).send('waiting');
      return;
    }
    res.status(received ? 200 : 202).send(received ? 'authorized' : 'waiting');
  });
  app.get(callbackPath, (req, res) => {
    const { code } = req.query;
    if (typeof code !== 'string') {
      res.status(400).send('No authorization code in the redirect.');
      return;
    }
    received = code;
    events.emit('code', code);
    res.send('<p>Authorized. This tab can be closed.</p>');
  });
  return app.listen(port, '127.0.0.1');
}

// The redirect target alone, listening on every interface: ts/http-server says so, this rule
// has no credential to ask for.
export function callbackOnly(port: number) {
  return new Promise<string>((resolve) => {
    // ok: ts/missing-auth
    const server = express();
    server.get('/oauth/callback', (req, res) => {
      resolve(String(req.query.code));
      res.end('Signed in.');
    });
    // expect: ts/http-server "server.listen"
    server.listen(port);
  });
}
