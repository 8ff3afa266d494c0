// Apps whose routes nobody authenticates.
import express from 'express';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';

// expect: ts/missing-auth "express()"
const app = express();
app.use(helmet());
app.use(rateLimit({ windowMs: 60_000, max: 100 }));
app.use(express.json());

app.get('/notes', (req, res) => {
  res.json([]);
});

app.post('/notes', (req, res) => {
  res.status(201).json(req.body);
});

export default app;
