// An Express app serving routes with no security headers.
import express from 'express';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

// expect: ts/missing-helmet "express()"
const app = express();
app.use(rateLimit(), passport.authenticate('bearer'));
app.get('/notes', (req, res) => res.json([]));

// expect: ts/missing-helmet "express()"
const admin = express();
admin.use(rateLimit(), passport.authenticate('bearer'));
admin.post('/users', (req, res) => res.sendStatus(201));

// expect: ts/missing-helmet "express()"
const site = express();
site.use(rateLimit(), passport.authenticate('bearer'));
site.get('/', (req, res) => res.send('<h1>hi</h1>'));
site.listen(8080, '127.0.0.1');

// expect: ts/missing-helmet "express()"
const docs = express();
docs.use(rateLimit(), passport.authenticate('bearer'));
docs.get('/docs/:page', (req, res) => res.send(''));

// expect: ts/missing-helmet "express()"
const files = express();
files.use(rateLimit(), passport.authenticate('bearer'));
files.get('/files/:id', (req, res) => res.send(''));

export { app, admin, docs, files };
