import { execFile } from 'node:child_process';

export function searchFiles({ pattern }: { pattern: string }): Promise<{ content: { type: 'text'; text: string }[] }> {
  return new Promise((resolve, reject) => {
    execFile('grep', ['-rn', '--', pattern, './docs'], (error, stdout) => {
      if (error) reject(error);
      else resolve({ content: [{ type: 'text', text: stdout }] });
    });
  });
}
