// Authentication that exists only in comments does not protect the routes.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';

// expect: ts/missing-auth "express()"
const app = express();
app.use(helmet(), rateLimit());

app.get('/notes', (req, res) => {
  // TODO: check the Authorization header (bearer token) before answering.
  res.json([]);
});

app.use((req, res, next) => {
  /* an x-api-key check will go here */
  next();
});

export { app };
