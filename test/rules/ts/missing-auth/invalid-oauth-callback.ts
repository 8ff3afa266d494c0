// Loopback servers that are more than an OAuth redirect target, and middleware whose only
// "credential" is a header it writes back.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';

// A callback route beside a route that hands out data: any local web page can fetch it.
export function loginServer(port: number) {
  let token = '';
  // expect: ts/missing-auth "express()"
  const app = express();
  app.use(helmet(), rateLimit({ windowMs: 60_000, max: 30 }));
  app.get('/callback', (req, res) => {
    token = String(req.query.code);
    res.send('done');
  });
  app.get('/api/token', (req, res) => {
    res.json({ token });
  });
  return app.listen(port, '127.0.0.1');
}

// Bound to localhost but not a callback server: loopback alone is no exemption.
// expect: ts/missing-auth "express()"
const local = express();
local.use(helmet(), rateLimit({ windowMs: 60_000, max: 30 }));
local.get('/run', (req, res) => {
  res.json({ started: req.query.task });
});
local.listen(7000, 'localhost');

// Exposing the session-id header, advertising bearer auth and logging the session check nothing.
// expect: ts/missing-auth "express()"
const proxy = express();
proxy.use(helmet(), rateLimit({ windowMs: 60_000, max: 30 }));
proxy.use((req, res, next) => {
  res.header('Access-Control-Expose-Headers', 'mcp-session-id');
  res.setHeader('WWW-Authenticate', 'Bearer realm="proxy"');
  console.log('session request', req.method);
  next();
});
proxy.get('/sessions', (req, res) => {
  res.set('Access-Control-Allow-Headers', 'Authorization, X-Api-Key');
  res.json([]);
});
proxy.listen(6000, '127.0.0.1');
