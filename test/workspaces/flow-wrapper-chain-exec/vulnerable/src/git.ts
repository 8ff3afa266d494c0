import { shell } from './shell.js';

export function commitsSince(ref: string): string {
  return shell(`git log --oneline ${ref}..HEAD`);
}
