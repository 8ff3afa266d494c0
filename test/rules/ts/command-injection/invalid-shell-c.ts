// A shell started with -c runs its next argument as a command line, whatever runs the shell.
import { spawn, execFileSync } from 'node:child_process';
import type { Request, Response } from 'express';

export function run(req: Request, res: Response) {
  // expect: ts/command-injection "`cd /srv/repo && git log ${req.query.ref}`"
  const child = spawn('bash', ['-c', `cd /srv/repo && git log ${req.query.ref}`]);
  child.stdout.pipe(res);
}

export function runWindows(script: string) {
  // expect: ts/command-injection "script"
  return execFileSync('cmd.exe', ['/c', script]);
}
