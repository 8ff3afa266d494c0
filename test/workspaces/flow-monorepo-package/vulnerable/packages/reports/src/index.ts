import { execSync } from 'node:child_process';

export function runReport(name: string): string {
  return execSync(`./bin/report --name ${name}`, { encoding: 'utf8' });
}
