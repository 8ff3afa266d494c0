// Shell commands whose splices are numbers: no shell syntax can come in through them.
import { exec, execSync } from 'node:child_process';

export function stop(pid: number) {
  // ok: ts/command-injection
  execSync(`taskkill /pid ${pid} /T /F`);
}

export function stopChild(child: { pid: number }) {
  // ok: ts/command-injection
  exec(`kill -TERM ${child.pid}`);
}

export function wait({ seconds }: { seconds: number }) {
  // ok: ts/command-injection
  execSync('sleep ' + seconds);
}

export function resize(width: string) {
  const pixels = Number(width);
  // ok: ts/command-injection
  execSync(`convert in.png -resize ${pixels} out.png`);
}

const RETRIES = 3;
export function retry(times: number) {
  // ok: ts/command-injection
  execSync(`./retry.sh ${RETRIES} ${times * 2}`);
}
