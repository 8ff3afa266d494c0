// Allow-lists, functions, and a same-origin default.
import express from 'express';
import cors from 'cors';

const allowed = (process.env.CORS_ORIGINS ?? '').split(',');
const app = express();

// ok: ts/cors-wildcard
app.use(cors({ origin: allowed }));
// ok: ts/cors-wildcard
app.use(cors({ origin: 'https://app.example.com', credentials: true }));
// ok: ts/cors-wildcard
app.use(cors({ origin: (origin, cb) => cb(null, !origin || allowed.includes(origin)) }));
// ok: ts/cors-wildcard
app.use(cors({ origin: false }));

app.use((req, res, next) => {
  // ok: ts/cors-wildcard
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  next();
});

export { app };
