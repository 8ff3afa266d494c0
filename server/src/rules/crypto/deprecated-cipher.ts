// crypto.createCipher derives key and IV from a password with one round of MD5 and no salt:
// the same password always gives the same IV. Removed in Node.js 22.
import ts from 'typescript';
import { asCryptoCall, cryptoCalls, randomIvFix } from '../../knowledge/crypto';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions } from '../../languages/typescript/values';

export const deprecatedCipher: TsRule = {
  id: 'crypto/deprecated-cipher',
  language: 'typescript',
  meta: {
    title: 'createCipher/createDecipher (no IV)',
    summary: '`crypto.createCipher`/`createDecipher` (no IV)',
    severity: 'error',
    guideSection: 'Data Protection › Encrypt sensitive data',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'crypto.createCipher and createDecipher derive the key and the IV from a password with a single unsalted MD5 round (EVP_BytesToKey). The same password always gives the same IV, which breaks CTR and GCM outright and leaks equal prefixes in CBC. The functions were deprecated for years and are gone in Node.js 22.',
    remedy: 'Use createCipheriv with a 32-byte key and a random IV stored beside the ciphertext.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: cryptoCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const crypto = asCryptoCall(file, call);
        if (!crypto || (crypto.kind !== 'cipher' && crypto.kind !== 'decipher')) return;
        const callee = skipOuterExpressions(call.expression);
        const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
        const fix =
          crypto.kind === 'cipher' && ts.isPropertyAccessExpression(callee)
            ? randomIvFix(
                file,
                call,
                crypto.algorithm,
                undefined,
                'Use createCipheriv with a random IV (the key must be raw key bytes; store the IV with the ciphertext)',
                [{ start: file.start(callee.name), end: callee.name.end, newText: 'createCipheriv' }],
              )
            : undefined;
        context.report({
          start: file.start(name),
          end: name.end,
          message: `${crypto.kind === 'cipher' ? 'createCipher' : 'createDecipher'} derives a fixed IV from the password (one MD5 round, no salt) and is removed in Node.js 22. Use ${crypto.kind === 'cipher' ? 'createCipheriv' : 'createDecipheriv'} with a random IV.`,
          fixes: fix ? [fix] : [],
        });
      },
    };
  },
};
