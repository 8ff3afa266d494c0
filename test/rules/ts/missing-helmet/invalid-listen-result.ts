// One Express app, however its results are kept: the server app.listen() returns is not a
// second app, and the app a chained use() returns is the same app.
import express from 'express';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

// expect: ts/missing-helmet "express()"
const app = express();
// ok: ts/missing-helmet
const api = app.use(rateLimit(), passport.authenticate('bearer'));
api.get('/notes', (req, res) => res.json([]));

// ok: ts/missing-helmet
const server = app.listen(3000, '127.0.0.1');
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close());

// expect: ts/missing-helmet "express()"
const admin = express();
admin.use(rateLimit(), passport.authenticate('bearer'));
// ok: ts/missing-helmet
const adminServer = admin.get('/users', (req, res) => res.json([])).listen(3001, '127.0.0.1');
adminServer.on('error', () => process.exit(1));
