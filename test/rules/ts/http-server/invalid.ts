// Servers listening on plain HTTP to the network.
import express from 'express';
import http from 'node:http';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer'));
app.get('/notes', (req, res) => res.json([]));

// expect: ts/http-server "app.listen"
app.listen(3000);

// expect: ts/http-server "app.listen"
app.listen(process.env.PORT ?? 8080, () => console.error('listening'));

const server = http.createServer(app);
// expect: ts/http-server "server.listen"
server.listen(80, '0.0.0.0');

// expect: ts/http-server "http.createServer(app).listen"
http.createServer(app).listen({ port: 8081 });

const raw = http.createServer((req, res) => res.end('ok'));
// expect: ts/http-server "raw.listen"
raw.listen(9000);
