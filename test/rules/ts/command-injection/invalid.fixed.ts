// Shell commands built from values.
import { exec, execSync, spawn } from 'node:child_process';
import * as cp from 'child_process';
import type { Request, Response } from 'express';

export function convert(req: Request, res: Response) {
  // expect: ts/command-injection "`convert ${req.query.file} out.png`"
  cp.execFile('convert', [req.query.file, 'out.png'], () => res.sendStatus(200));
}

export function gitLog(branch: string) {
  // expect: ts/command-injection "'git log ' + branch"
  return cp.execFileSync('git', ['log', branch]);
}

export function ping(req: Request) {
  const { host } = req.body;
  // expect: ts/command-injection "`ping -c 1 ${host}`"
  return cp.execFileSync('ping', ['-c', '1', host]);
}

export function archive(req: Request) {
  // expect: ts/command-injection "[req.params.name]"
  // expect: ts/argument-injection "req.params.name"
  return spawn('tar', [req.params.name], { shell: true });
}

export function piped(file: string) {
  // expect: ts/command-injection "`cat ${file} | grep error`"
  return cp.exec(`cat ${file} | grep error`);
}

export function fromArgv() {
  const target = process.argv[2];
  // expect: ts/command-injection "`rm -rf ${target}`"
  cp.execFileSync('rm', ['-rf', target]);
}

export function stopNamed(name: string, pid: number) {
  // expect: ts/command-injection "`pkill -f ${name} || kill ${pid}`"
  execSync(`pkill -f ${name} || kill ${pid}`);
}
