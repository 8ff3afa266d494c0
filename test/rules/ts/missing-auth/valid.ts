// Authenticated apps, health-only apps and routers.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';

function requireApiKey(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (!req.get('x-api-key')) return res.sendStatus(401);
  next();
}

// ok: ts/missing-auth
const app = express();
app.use(helmet(), rateLimit());
app.use(requireApiKey);
app.get('/notes', (req, res) => res.json([]));

// ok: ts/missing-auth
const perRoute = express();
perRoute.use(helmet(), rateLimit());
perRoute.post('/notes', requireApiKey, (req, res) => res.sendStatus(201));

// ok: ts/missing-auth
const health = express();
health.use(helmet(), rateLimit());
health.get('/health', (req, res) => res.json({ ok: true }));

// ok: ts/missing-auth
const inline = express();
inline.use(helmet(), rateLimit());
inline.get('/me', (req, res) => {
  if (req.headers.authorization !== `Bearer ${process.env.TOKEN}`) return res.sendStatus(401);
  res.json({});
});

// ok: ts/missing-auth
const exposing = express();
exposing.use(helmet(), rateLimit());
exposing.use((req, res, next) => {
  res.header('Access-Control-Expose-Headers', 'mcp-session-id');
  if (!req.headers.authorization?.startsWith('Bearer ')) return res.sendStatus(401);
  next();
});
exposing.get('/notes', (req, res) => res.json([]));

// ok: ts/missing-auth
export const router = express.Router();
router.get('/items', (req, res) => res.json([]));

export { app, perRoute, health, inline, exposing };
