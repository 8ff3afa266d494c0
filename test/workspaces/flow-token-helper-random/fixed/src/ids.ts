import { randomInt } from 'node:crypto';

const characters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += characters[randomInt(characters.length)];
  return code;
}
