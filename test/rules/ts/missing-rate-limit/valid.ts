// Limited apps, health-only apps and routers.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

// ok: ts/missing-rate-limit
const app = express();
app.use(helmet(), rateLimit({ windowMs: 60_000, max: 60 }), passport.authenticate('bearer'));
app.get('/notes', (req, res) => res.json([]));

// ok: ts/missing-rate-limit
const health = express();
health.use(helmet());
health.get('/healthz', (req, res) => res.json({ ok: true }));

// ok: ts/missing-rate-limit
const metrics = express();
metrics.use(helmet());
metrics.get('/metrics', (req, res) => res.send(''));

// ok: ts/missing-rate-limit
export const router = express.Router();
router.get('/items', (req, res) => res.json([]));

// ok: ts/missing-rate-limit
const idle = express();
idle.use(helmet());

export { app, health, metrics, idle };
