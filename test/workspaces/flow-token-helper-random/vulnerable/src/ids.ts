const characters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += characters[Math.floor(Math.random() * characters.length)];
  return code;
}
