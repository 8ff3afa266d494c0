// MD5 and SHA-1 are broken for collisions and far too fast for passwords: a GPU tries billions
// of candidate passwords a second against an unsalted MD5.
import ts from 'typescript';
import { identifierWords, isSecretLikeName } from '../../knowledge/secrets';
import { asCryptoCall, weakHashAlgorithms, weakHashedParameter } from '../../knowledge/crypto';
import { localFunction } from '../../languages/typescript/declarations';
import { flowTarget } from '../../languages/typescript/exports';
import { shorten } from '../../core/text';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import { bindingNameOf, skipOuterExpressions } from '../../languages/typescript/values';

const weak = weakHashAlgorithms;

function nameOf(expression: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

function isPasswordName(name: string): boolean {
  const words = identifierWords(name);
  return (
    words.some((w) => w === 'password' || w === 'passwd' || w === 'pwd' || w === 'passphrase') ||
    (words.length === 1 && words[0] === 'pass')
  );
}

/** What the hash is for: 'password', 'secret', or undefined (checksums, cache keys, ETags). */
function purpose(file: TsFile, call: ts.CallExpression): 'password' | 'secret' | undefined {
  const names: string[] = [];
  // createHash('md5').update(x).digest('hex')
  let outer: ts.Expression = call;
  for (;;) {
    const access = outer.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== outer || !ts.isCallExpression(access.parent))
      break;
    const next = access.parent;
    if (access.name.text === 'update' && next.arguments[0]) {
      const n = nameOf(next.arguments[0]);
      if (n) names.push(n);
    }
    outer = next;
  }
  const bound = bindingNameOf(outer);
  if (bound) names.push(bound);
  // function hashPassword(password) { return createHash('md5')… }
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name && ts.isIdentifier(n.name)) {
      names.push(n.name.text);
      break;
    }
    if (
      (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) &&
      ts.isVariableDeclaration(n.parent) &&
      ts.isIdentifier(n.parent.name)
    ) {
      names.push(n.parent.name.text);
      break;
    }
  }
  if (names.some(isPasswordName)) return 'password';
  if (names.some((name) => isSecretLikeName(name) && !/^(?:get|load|read)/.test(name))) return 'secret';
  void file;
  return undefined;
}

export const weakHash: TsRule = {
  id: 'crypto/weak-hash',
  language: 'typescript',
  meta: {
    title: 'MD5 or SHA-1 for passwords or secrets',
    summary: 'MD5/SHA-1 for passwords and secrets',
    severity: 'warning',
    guideSection: 'Data Protection › Encrypt sensitive data (beyond)',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'createHash with md5 or sha1 is applied to a password, token or key. MD5 and SHA-1 collide on demand, and any fast hash lets a GPU test billions of guessed passwords per second against a leaked table. Checksums, cache keys and ETags are not flagged.',
    remedy:
      'Hash passwords with crypto.scrypt (or argon2/bcrypt) and a random salt; use sha256 for tokens and fingerprints.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    /** `hash(req.body.password)` where `hash` is a wrapper of createHash('md5'), here or in another file. */
    const passwordThroughWrapper = (call: ts.CallExpression): void => {
      const argument = call.arguments[0];
      const name = argument && nameOf(argument);
      if (!name || !/pass|pwd/i.test(name) || !isPasswordName(name)) return;
      const callee = skipOuterExpressions(call.expression);
      const text = shorten(file.textOf(callee));
      const local = ts.isIdentifier(callee) ? localFunction(file, callee) : undefined;
      const algorithm = local && weakHashedParameter(file, local);
      const at = { start: file.start(call), end: call.end };
      if (algorithm) {
        context.report({
          ...at,
          message: `Passwords hashed with ${algorithm} by ${text}() can be brute-forced at billions of guesses a second. Use crypto.scrypt with a random salt.`,
        });
        return;
      }
      const target = local ? undefined : flowTarget(file, call);
      if (target)
        context.report({
          ...at,
          message: `Passwords hashed with MD5 or SHA-1 by ${text}() can be brute-forced at billions of guesses a second. Use crypto.scrypt with a random salt.`,
          when: { target, trait: 'weak-hash', text },
        });
    };
    return {
      [ts.SyntaxKind.CallExpression]: (call) => {
        const crypto = asCryptoCall(file, call);
        if (!crypto) {
          passwordThroughWrapper(call);
          return;
        }
        if (
          !crypto ||
          (crypto.kind !== 'hash' && crypto.kind !== 'hmac') ||
          !crypto.algorithm ||
          !crypto.algorithmArgument ||
          !weak.has(crypto.algorithm)
        )
          return;
        if (crypto.kind === 'hmac') return; // HMAC-SHA1 is still sound; not this rule's concern
        const use = purpose(file, call);
        if (!use) return;
        const argument = crypto.algorithmArgument;
        const q = file.quote;
        const literal = ts.isStringLiteralLike(skipOuterExpressions(argument));
        context.report({
          start: file.start(argument),
          end: argument.end,
          message:
            use === 'password'
              ? `Passwords hashed with ${crypto.algorithm} can be brute-forced at billions of guesses a second. Use crypto.scrypt with a random salt.`
              : `${crypto.algorithm} is broken for collisions; do not use it on tokens or keys. Use sha256.`,
          fixes:
            use === 'secret' && literal
              ? [
                  {
                    title: 'Use sha256',
                    kind: 'suggestion',
                    edits: [{ start: file.start(argument), end: argument.end, newText: `${q}sha256${q}` }],
                  },
                ]
              : [],
        });
      },
    };
  },
};
