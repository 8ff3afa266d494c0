import { randomCode } from './ids.js';

const pending = new Map<string, string>();

export function requestReset(email: string): string {
  const resetToken = randomCode(24);
  pending.set(resetToken, email);
  return resetToken;
}
