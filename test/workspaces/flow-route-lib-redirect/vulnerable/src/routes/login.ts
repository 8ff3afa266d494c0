import { Router } from 'express';
import { finishLogin } from '../lib/session.js';

export const loginRouter = Router();

loginRouter.post('/login', async (req, res) => {
  const returnTo = typeof req.query.returnTo === 'string' ? req.query.returnTo : '/';
  await finishLogin(res, returnTo);
});
