import { shell } from './shell.js';

const REF = /^[\w./-]{1,100}$/;

export function commitsSince(ref: string): string {
  if (!REF.test(ref) || ref.startsWith('-')) throw new Error('not a git ref');
  return shell(`git log --oneline ${ref}..HEAD`);
}
