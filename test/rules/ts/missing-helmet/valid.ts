// Apps with helmet, routers, and non-Express frameworks.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

// ok: ts/missing-helmet
const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer'));
app.get('/notes', (req, res) => res.json([]));

// ok: ts/missing-helmet
const second = express();
second.use(helmet.hsts(), rateLimit(), passport.authenticate('bearer'));
second.get('/a', (req, res) => res.json([]));

// ok: ts/missing-helmet
export const router = express.Router();
router.get('/items', (req, res) => res.json([]));

// ok: ts/missing-helmet
const idle = express();

// ok: ts/missing-helmet
const sub = express();
sub.use(rateLimit());

export { app, second, idle, sub };
