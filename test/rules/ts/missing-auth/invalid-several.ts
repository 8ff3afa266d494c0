// Several apps and frameworks, none authenticated.
import express from 'express';
import Fastify from 'fastify';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';

// expect: ts/missing-auth "express()"
export const admin = express();
admin.use(helmet(), rateLimit());
admin.delete('/users/:id', (req, res) => res.sendStatus(204));

// expect: ts/missing-auth "express()"
export const api = express();
api.use(helmet(), rateLimit());
api.put('/settings', (req, res) => res.json({}));

// expect: ts/missing-auth "Fastify()"
export const fast = Fastify();
fast.get('/reports', async () => []);

// expect: ts/missing-auth "express()"
export const files = express();
files.use(helmet(), rateLimit());
files.post('/upload', (req, res) => res.sendStatus(201));

// expect: ts/missing-auth "express()"
export const exportsApp = express();
exportsApp.use(helmet(), rateLimit());
exportsApp.get('/export.csv', (req, res) => res.send(''));
