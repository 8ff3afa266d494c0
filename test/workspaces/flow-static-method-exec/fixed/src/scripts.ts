import { execSync } from 'node:child_process';

export class Scripts {
  static execute(script: string): string {
    return execSync(script, { encoding: 'utf8' });
  }
}
