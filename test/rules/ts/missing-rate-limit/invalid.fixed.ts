// Apps with routes and no limiter.
import express from 'express';
import helmet from 'helmet';
import Koa from 'koa';
import Router from '@koa/router';
import { Hono } from 'hono';
import passport from 'passport';
import rateLimit from 'express-rate-limit';

// expect: ts/missing-rate-limit "express()"
const app = express();
app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));
app.use(helmet());
app.use(passport.authenticate('bearer', { session: false }));
app.get('/notes', (req, res) => res.json([]));
app.post('/notes', (req, res) => res.sendStatus(201));

// expect: ts/missing-rate-limit "express()"
const admin = express();
admin.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));
admin.use(helmet(), passport.authenticate('bearer'));
admin.delete('/users/:id', (req, res) => res.sendStatus(204));

// expect: ts/missing-rate-limit "express()"
const uploads = express();
uploads.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));
uploads.use(helmet(), passport.authenticate('bearer'));
uploads.post('/upload', (req, res) => res.sendStatus(201));

// expect: ts/missing-rate-limit "new Hono()"
const hono = new Hono();
hono.get('/items', (c) => c.json([]));

// expect: ts/missing-rate-limit "express()"
const search = express();
search.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));
search.use(helmet(), passport.authenticate('bearer'));
search.get('/search', (req, res) => res.json([]));

export { app, admin, uploads, hono, search, Koa, Router };
