// Other ORMs take filters under `where`, with their own operators: not Mongo's.
import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const app = express.Router();

app.post('/users', async (req, res) => {
  // ok: ts/nosql-injection
  const user = await prisma.user.findFirst({ where: { email: req.body.email } });
  res.json(user);
});
