// Servers that only ask the operating system for a free port (listen(0), read the address,
// close), and TCP servers, which are not HTTP.
import express from 'express';
import http from 'node:http';
import net from 'node:net';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function ephemeralHttpPort(): Promise<number> {
  const scratch = http.createServer();
  // ok: ts/http-server
  await new Promise<void>((done) => scratch.listen(0, () => done()));
  const { port } = scratch.address() as { port: number };
  await new Promise((done) => scratch.close(done));
  return port;
}

const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer'));
app.get('/notes', (req, res) => res.json([]));

export function startForTest(): { port: number; stop: () => void } {
  // ok: ts/http-server
  const running = app.listen({ port: 0 });
  return { port: (running.address() as { port: number }).port, stop: () => running.close() };
}

export function echo(): net.Server {
  const tcp = net.createServer((socket) => socket.pipe(socket));
  tcp.listen(7000);
  return tcp;
}
