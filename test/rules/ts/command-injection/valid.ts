// Constant commands, argument arrays and execFile.
import { exec, execFile, execSync, spawn } from 'node:child_process';
import type { Request } from 'express';

const GIT = 'git status --porcelain';

export function status() {
  // ok: ts/command-injection
  return execSync(GIT);
}

export function list() {
  // ok: ts/command-injection
  exec('ls -la /srv/data', () => undefined);
}

export function log(req: Request) {
  // ok: ts/command-injection
  // expect: ts/argument-injection "String(req.query.branch)"
  return execFile('git', ['log', String(req.query.branch)], () => undefined);
}

export function archive(req: Request) {
  // ok: ts/command-injection
  // expect: ts/argument-injection "req.params.name"
  return spawn('tar', ['-czf', 'out.tgz', req.params.name]);
}

export function constantTemplate() {
  const dir = '/srv/data';
  // ok: ts/command-injection
  return execSync(`du -sh ${dir}`);
}

const db = { exec: (sql: string) => sql };
export function notAShell(name: string) {
  // ok: ts/command-injection
  return db.exec(`SELECT 1 -- ${name}`);
}
