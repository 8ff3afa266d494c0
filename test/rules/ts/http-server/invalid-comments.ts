// An HTTPS server mentioned in comments and strings is not an HTTPS server.
import express from 'express';
import http from 'node:http';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer'));
app.get('/notes', (req, res) => res.json([]));

const server = http.createServer(app);
// expect: ts/http-server "server.listen"
server.listen(8080, '0.0.0.0');

/*
 * Production terminates TLS here instead:
 *   https.createServer({ key, cert }, app).listen(443);
 */
// Or with HTTP/2: http2.createSecureServer(options, app)
export const docs = 'see https.createServer in the deployment guide';

const other = express();
other.get('/status/full', (req, res) => res.json({}));
// expect: ts/http-server "other.listen"
other.listen({ port: 8081 /* host: '127.0.0.1' in development */ });
