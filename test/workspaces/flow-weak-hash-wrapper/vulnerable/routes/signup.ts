import { Router } from 'express';
import * as security from '../lib/security';
import { users } from '../lib/users';

export const signup = Router();

signup.post('/signup', async (req, res) => {
  const user = await users.create({ email: String(req.body.email), password: security.hash(req.body.password) });
  res.status(201).json({ id: user.id });
});
