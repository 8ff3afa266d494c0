// The server creates the app and its routes; app.ts adds helmet, the limiter and authentication.
import express from 'express';
import { configure } from './app';

const app = express();
configure(app);
app.get('/api/notes', (req, res) => {
  res.json([]);
});
app.listen(3000, '127.0.0.1');
