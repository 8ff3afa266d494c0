// node:crypto calls the crypto/* rules share: ciphers, HMACs and hashes, with their algorithm
// (when it is a constant), key and IV arguments.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../core/rule';
import { enclosingStatement, insertLineBefore } from '../languages/typescript/edits';
import type { TsFile } from '../languages/typescript/file';
import type { CallFilter } from '../languages/typescript/rule';
import { importNamed } from '../languages/typescript/imports';
import { forEachIdentifier, mayBeMember, mentionsModule, moduleMemberOf } from '../languages/typescript/modules';
import { constInitializer, isConstant, skipOuterExpressions, staticString } from '../languages/typescript/values';

export type CryptoCallKind = 'cipheriv' | 'decipheriv' | 'cipher' | 'decipher' | 'hmac' | 'hash';

export interface CryptoCall {
  kind: CryptoCallKind;
  call: ts.CallExpression;
  algorithmArgument?: ts.Expression;
  /** Lower-case algorithm name when it is a constant. */
  algorithm?: string;
  key?: ts.Expression;
  iv?: ts.Expression;
}

const kinds: Record<string, CryptoCallKind> = {
  createCipheriv: 'cipheriv',
  createDecipheriv: 'decipheriv',
  createCipher: 'cipher',
  createDecipher: 'decipher',
  createHmac: 'hmac',
  createHash: 'hash',
};

const cryptoModules = ['crypto'];
const cryptoFunctions: ReadonlySet<string> = new Set(Object.keys(kinds));
/** The calls asCryptoCall can recognise, as a call filter for the walk. */
export const cryptoCalls: CallFilter = { module: { key: 'crypto', modules: cryptoModules, members: cryptoFunctions } };

export function asCryptoCall(file: TsFile, call: ts.CallExpression): CryptoCall | undefined {
  if (!mentionsModule(file, 'crypto', cryptoModules)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  if (!mayBeMember(file, callee, 'crypto', cryptoFunctions)) return undefined;
  const member = moduleMemberOf(file, callee);
  if (!member || member.module !== 'crypto') return undefined;
  const kind = kinds[member.member];
  if (!kind) return undefined;
  const [algorithmArgument, key, iv] = call.arguments;
  const algorithm = algorithmArgument ? staticString(file, algorithmArgument)?.toLowerCase() : undefined;
  return { kind, call, algorithmArgument, algorithm, key, iv };
}

const authenticatingNames = ['createHmac', 'getAuthTag', 'setAuthTag'];

/** Whether the file (or its `crypto` module) creates an HMAC or uses an AEAD auth tag anywhere. */
export function fileAuthenticates(file: TsFile): boolean {
  // Named in the code: a comment or a string that mentions createHmac authenticates nothing.
  let found = false;
  forEachIdentifier(file, authenticatingNames, () => (found = true));
  return found;
}

/**
 * A value fixed by the source: literals, `Buffer.from(<constant>)`, `Buffer.alloc(n)`, a KDF of a
 * constant password, or a constant holding one of these.
 */
export function isSourceFixedBytes(file: TsFile, expression: ts.Expression, depth = 0): boolean {
  if (depth > 4) return false;
  const e = skipOuterExpressions(expression);
  if (isConstant(file, e))
    return !(ts.isIdentifier(e) && e.text === 'undefined') && e.kind !== ts.SyntaxKind.NullKeyword;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(file, e);
    return init !== undefined && isSourceFixedBytes(file, init, depth + 1);
  }
  if (ts.isCallExpression(e)) {
    const callee = skipOuterExpressions(e.expression);
    const text =
      ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
        ? `${callee.expression.text}.${callee.name.text}`
        : '';
    if (text === 'Buffer.alloc') return true;
    if ((text === 'Buffer.from' || text === 'Uint8Array.from') && e.arguments.length > 0) {
      const a = skipOuterExpressions(e.arguments[0]);
      if (ts.isArrayLiteralExpression(a)) return a.elements.every((x) => isConstant(file, x));
      return isSourceFixedBytes(file, a, depth + 1);
    }
    const member = moduleMemberOf(file, callee);
    if (
      member &&
      member.module === 'crypto' &&
      /^(?:scryptSync|pbkdf2Sync|hkdfSync|createSecretKey)$/.test(member.member) &&
      e.arguments.length > 0
    ) {
      return isSourceFixedBytes(file, e.arguments[member.member === 'hkdfSync' ? 1 : 0], depth + 1);
    }
  }
  return false;
}

/** The IV length an algorithm wants: 12 bytes for GCM/CCM/OCB and ChaCha20-Poly1305, else 16. */
export function ivLength(algorithm: string | undefined): number {
  return algorithm && /gcm|ccm|ocb|chacha20-poly1305/.test(algorithm) ? 12 : 16;
}

/**
 * Fix: `const iv = randomBytes(n);` above the statement and the call's IV argument replaced by
 * `iv` (or added after the key). Undefined where there is no statement list to insert into.
 */
export function randomIvFix(
  file: TsFile,
  call: ts.CallExpression,
  algorithm: string | undefined,
  replace: ts.Expression | undefined,
  title: string,
  extraEdits: OffsetEdit[] = [],
): DraftFix | undefined {
  const statement = enclosingStatement(call);
  if (!statement) return undefined;
  const name = freeName(file, call, 'iv');
  const specifier = /['"]node:crypto['"]/.test(file.text) ? 'node:crypto' : 'crypto';
  const random = importNamed(file, specifier, 'randomBytes');
  const edits: OffsetEdit[] = [
    ...random.edits,
    insertLineBefore(file, statement, `const ${name} = ${random.reference}(${ivLength(algorithm)});`),
    ...extraEdits,
  ];
  if (replace) edits.push({ start: file.start(replace), end: replace.end, newText: name });
  else {
    const key = call.arguments[1];
    if (!key) return undefined;
    edits.push({ start: key.end, end: key.end, newText: `, ${name}` });
  }
  return { title, kind: 'suggestion', edits };
}

/** `base`, or `base2`, `base3`… when `base` is already bound where `node` is. */
export function freeName(file: TsFile, node: ts.Node, base: string): string {
  const taken = (name: string): boolean => {
    const probe = ts.factory.createIdentifier(name);
    (probe as { parent: ts.Node }).parent = node;
    return file.resolve(probe) !== undefined;
  };
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}

/** Hash algorithms broken for collisions and far too fast for passwords. */
export const weakHashAlgorithms: ReadonlySet<string> = new Set([
  'md5',
  'md4',
  'md2',
  'sha1',
  'sha-1',
  'rsa-md5',
  'rsa-sha1',
  'ripemd',
  'ripemd160',
]);

/**
 * The weak algorithm a function hashes one of its parameters with (`(data) =>
 * createHash('md5').update(data).digest('hex')`), if it does: a wrapper whose callers decide what
 * it hashes.
 */
export function weakHashedParameter(file: TsFile, fn: ts.FunctionLikeDeclaration): string | undefined {
  if (!fn.body || !mentionsModule(file, 'crypto', cryptoModules)) return undefined;
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const crypto = asCryptoCall(file, node);
      if (crypto?.kind === 'hash' && crypto.algorithm && weakHashAlgorithms.has(crypto.algorithm)) {
        // createHash('md5').update(param)
        const access = node.parent;
        const update =
          ts.isPropertyAccessExpression(access) && access.name.text === 'update' && ts.isCallExpression(access.parent)
            ? access.parent.arguments[0]
            : undefined;
        const value = update && skipOuterExpressions(update);
        const declaration = value && ts.isIdentifier(value) ? file.resolve(value) : undefined;
        if (declaration && ts.isParameter(declaration) && declaration.parent === fn) found = crypto.algorithm;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** `Math.random()` itself (not a local function or an object's method named random). */
export function isMathRandom(file: TsFile, call: ts.CallExpression): boolean {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'random' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Math' &&
    file.resolve(callee.expression) === undefined
  );
}

/**
 * Whether a function's result is made with Math.random(): it returns a value and calls
 * Math.random in its own body (`randomString(n)` picking characters, `makeId()`), so whatever
 * a caller names a token with it is predictable.
 */
export function returnsMathRandom(file: TsFile, fn: ts.FunctionLikeDeclaration): boolean {
  if (!fn.body || !file.textOf(fn.body).includes('Math.random')) return false;
  if (!ts.isBlock(fn.body)) return containsMathRandom(file, fn.body);
  let returns = false;
  let random = false;
  const visit = (node: ts.Node): void => {
    if (node !== fn && ts.isFunctionLike(node) && !ts.isArrowFunction(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returns = true;
    if (ts.isCallExpression(node) && isMathRandom(file, node)) random = true;
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return returns && random;
}

function containsMathRandom(file: TsFile, node: ts.Node): boolean {
  if (ts.isCallExpression(node) && isMathRandom(file, node)) return true;
  return ts.forEachChild(node, (child) => containsMathRandom(file, child) || undefined) ?? false;
}
