// A constant script, or a shell that is not told to run its argument as a command.
import { spawn } from 'node:child_process';
import type { Request } from 'express';

export function tail(req: Request) {
  // ok: ts/command-injection
  spawn('bash', ['-c', 'tail -n 100 /var/log/app.log']);
  // ok: ts/command-injection
  spawn('bash', ['./scripts/report.sh', String(req.query.day)]);
}
