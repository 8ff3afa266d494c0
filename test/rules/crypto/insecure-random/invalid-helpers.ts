// Tokens made by a helper of the file that is built on Math.random.
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

const makeId = () => Math.random().toString(36).slice(2);

// expect: crypto/insecure-random "randomString(32)"
export const resetToken = randomString(32);

export function startSession() {
  // expect: crypto/insecure-random "makeId()"
  return { sessionId: makeId(), startedAt: Date.now() };
}

export async function invite() {
  // expect: crypto/insecure-random "randomString(12)"
  const inviteCode = await randomString(12);
  return inviteCode;
}

export function csrf() {
  // expect: crypto/insecure-random "makeId()"
  const csrfToken = makeId();
  return csrfToken;
}

export const apiKey = {
  // expect: crypto/insecure-random "randomString(40)"
  secret: randomString(40),
};
