// child_process functions under other local names.
import { exec as run } from 'node:child_process';
const { execSync: runSync } = require('child_process');
const childProcess = require('child_process');
const shell = childProcess.exec;

export function renamedImport(file: string) {
  // expect: ts/command-injection "`convert ${file} out.png`"
  return childProcess.execFile('convert', [file, 'out.png']);
}

export function renamedDestructuring(branch: string) {
  // expect: ts/command-injection "'git log ' + branch"
  return childProcess.execFileSync('git', ['log', branch]);
}

export function memberInVariable(host: string) {
  // expect: ts/command-injection "`ping -c 1 ${host}`"
  return childProcess.execFile('ping', ['-c', '1', host]);
}

export function constant() {
  // ok: ts/command-injection
  return run('ls -la');
}

export function unrelated(text: string) {
  const exec2 = (t: string) => t;
  // ok: ts/command-injection
  return exec2(`echo ${text}`);
}
