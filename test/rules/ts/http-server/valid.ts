// Localhost-only servers, and files that serve HTTPS.
import express from 'express';
import http from 'node:http';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer'));
app.get('/notes', (req, res) => res.json([]));

// ok: ts/http-server
app.listen(3000, '127.0.0.1');

// ok: ts/http-server
app.listen(3001, 'localhost', () => undefined);

const server = http.createServer(app);
// ok: ts/http-server
server.listen({ port: 3002, host: '127.0.0.1' });

// ok: ts/http-server
server.listen(3003, '::1');

const client = { listen: (port: number) => port };
// ok: ts/http-server
client.listen(4000);
