import { execSync } from 'node:child_process';

export function shell(command: string): string {
  return execSync(command, { encoding: 'utf8', timeout: 5000 });
}
