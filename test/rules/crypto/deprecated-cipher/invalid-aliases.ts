// The same functions under other local names: renamed imports, renamed destructuring, a member
// read into a variable, and a re-assignment of that variable.
import { createCipher as makeCipher } from 'crypto';
const { createDecipher: makeDecipher } = require('node:crypto');
const nodeCrypto = require('crypto');
const legacyCipher = nodeCrypto.createCipher;
const oldCipher = legacyCipher;

export function renamedImport(text: string, password: string) {
  // expect: crypto/deprecated-cipher "makeCipher"
  return makeCipher('aes-256-cbc', password).update(text, 'utf8', 'hex');
}

export function renamedDestructuring(data: string, password: string) {
  // expect: crypto/deprecated-cipher "makeDecipher"
  return makeDecipher('aes-256-cbc', password).update(data, 'hex', 'utf8');
}

export function memberInVariable(text: string, password: string) {
  // expect: crypto/deprecated-cipher "legacyCipher"
  return legacyCipher('aes192', password).update(text);
}

export function reassigned(text: string, password: string) {
  // expect: crypto/deprecated-cipher "oldCipher"
  return oldCipher('aes192', password).update(text);
}

export function local(text: string) {
  const makeCipher2 = (t: string) => t;
  // ok: crypto/deprecated-cipher
  return makeCipher2(text);
}
