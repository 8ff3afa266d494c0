import { exec } from 'node:child_process';
import { promisify } from 'node:util';

const execAsync = promisify(exec);

export async function runCommand(command: string): Promise<string> {
  const { stdout } = await execAsync(command, { timeout: 10_000 });
  return stdout;
}
