// ECB encrypts equal blocks to equal blocks: the structure of the plaintext shows through.
import ts from 'typescript';
import { asCryptoCall, cryptoCalls, ivLength } from '../../knowledge/crypto';
import { importNamed } from '../../languages/typescript/imports';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions, staticString } from '../../languages/typescript/values';

export const ecbMode: TsRule = {
  id: 'crypto/ecb-mode',
  language: 'typescript',
  meta: {
    title: 'ECB cipher mode',
    summary: 'ECB cipher mode',
    severity: 'error',
    guideSection: 'Data Protection › Encrypt sensitive data',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'A cipher in ECB mode (aes-256-ecb, des-ecb, CryptoJS.mode.ECB) encrypts each block on its own, so equal 16-byte blocks of plaintext give equal ciphertext blocks: patterns, repeated fields and known prefixes show through, and blocks can be cut and pasted between messages.',
    remedy: 'Use an authenticated mode such as aes-256-gcm with a random 12-byte IV per message.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: cryptoCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const crypto = asCryptoCall(file, call);
        if (!crypto || !crypto.algorithmArgument || crypto.kind === 'hash' || crypto.kind === 'hmac') return;
        if (!crypto.algorithm || !/-ecb$|^(?:des|bf|cast|rc2|idea|seed|sm4)-?ecb|^aes\d*-ecb$/.test(crypto.algorithm))
          return;
        const argument = crypto.algorithmArgument;
        const bits = /^aes-?(128|192|256)/.exec(crypto.algorithm)?.[1] ?? '256';
        const literal = ts.isStringLiteralLike(skipOuterExpressions(argument));
        const fixes = [];
        if (literal && crypto.kind === 'cipheriv' && /^aes/.test(crypto.algorithm)) {
          const q = file.quote;
          const edits = [{ start: file.start(argument), end: argument.end, newText: `${q}aes-${bits}-gcm${q}` }];
          const iv = crypto.iv && skipOuterExpressions(crypto.iv);
          if (
            iv &&
            (iv.kind === ts.SyntaxKind.NullKeyword ||
              staticString(file, iv) === '' ||
              file.textOf(iv).replace(/\s/g, '') === 'Buffer.alloc(0)')
          ) {
            const specifier = /['"]node:crypto['"]/.test(file.text) ? 'node:crypto' : 'crypto';
            const random = importNamed(file, specifier, 'randomBytes');
            edits.push(...random.edits, {
              start: file.start(iv),
              end: iv.end,
              newText: `${random.reference}(${ivLength('gcm')})`,
            });
          }
          fixes.push({
            title: `Use aes-${bits}-gcm (store the IV and auth tag with the ciphertext)`,
            kind: 'suggestion' as const,
            edits,
          });
        }
        context.report({
          start: file.start(argument),
          end: argument.end,
          message: `'${crypto.algorithm}' uses ECB mode: equal plaintext blocks give equal ciphertext blocks. Use aes-${bits}-gcm.`,
          fixes,
        });
      },
      [ts.SyntaxKind.PropertyAccessExpression]: (access) => {
        // CryptoJS.mode.ECB
        if (
          access.name.text !== 'ECB' ||
          !ts.isPropertyAccessExpression(access.expression) ||
          access.expression.name.text !== 'mode'
        )
          return;
        context.report({
          start: file.start(access),
          end: access.end,
          message:
            'ECB mode: equal plaintext blocks give equal ciphertext blocks. Use an authenticated mode such as GCM.',
        });
      },
    };
  },
};
