// CORS open to every origin.
import express from 'express';
import cors from 'cors';
import fastifyCors from '@fastify/cors';
import Fastify from 'fastify';

const app = express();
// expect: ts/cors-wildcard "cors()"
app.use(cors());
// expect: ts/cors-wildcard "'*'"
app.use(cors({ origin: '*' }));
// expect: ts/cors-wildcard "true"
app.use(cors({ origin: true, credentials: true }));

app.use((req, res, next) => {
  // expect: ts/cors-wildcard "'*'"
  res.setHeader('Access-Control-Allow-Origin', '*');
  next();
});

const fastify = Fastify();
// expect: ts/cors-wildcard "true"
fastify.register(fastifyCors, { origin: true });

export function preflight() {
  // expect: ts/cors-wildcard "'*'"
  return new Response(null, { headers: { 'Access-Control-Allow-Origin': '*' } });
}

export { app, fastify };
