// An encryption or HMAC key in the source protects nothing from anyone who has the source.
import ts from 'typescript';
import { maskSecret } from '../../knowledge/secrets';
import { asCryptoCall, cryptoCalls, isSourceFixedBytes } from '../../knowledge/crypto';
import { nonNull } from '../../languages/typescript/edits';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions, staticString } from '../../languages/typescript/values';

export const hardcodedKey: TsRule = {
  id: 'crypto/hardcoded-key',
  language: 'typescript',
  meta: {
    title: 'Encryption or HMAC key written in the source',
    summary: 'encryption and HMAC keys written in the source',
    severity: 'error',
    guideSection: 'Secure Configuration › Never hardcode secrets',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'The key given to createCipheriv, createDecipheriv or createHmac is a literal, a buffer made from one, or a key derived from a constant password. Anyone with the code, its git history or the bundle can decrypt the data or forge the MACs, and the key cannot be rotated without a release.',
    remedy: "Load the key from the environment or a secret manager: Buffer.from(process.env.ENCRYPTION_KEY, 'hex').",
    hasSuggestions: true,
    hintInTests: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: cryptoCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const crypto = asCryptoCall(file, call);
        if (
          !crypto ||
          !crypto.key ||
          (crypto.kind !== 'cipheriv' && crypto.kind !== 'decipheriv' && crypto.kind !== 'hmac')
        )
          return;
        const key = crypto.key;
        if (skipOuterExpressions(key).kind === ts.SyntaxKind.NullKeyword || !isSourceFixedBytes(file, key)) return;
        const variable = crypto.kind === 'hmac' ? 'HMAC_SECRET' : 'ENCRYPTION_KEY';
        const q = file.quote;
        const value = staticString(file, key);
        const shown = value !== undefined ? ` ('${maskSecret(value)}')` : '';
        context.report({
          start: file.start(key),
          end: key.end,
          message: `The ${crypto.kind === 'hmac' ? 'HMAC' : 'encryption'} key${shown} is fixed in the source: anyone with the code can ${crypto.kind === 'hmac' ? 'forge the signatures' : 'decrypt the data'}. Load it from process.env.${variable}.`,
          fixes: [
            {
              title: `Load the key from process.env.${variable} (hex)`,
              kind: 'suggestion',
              edits: [
                {
                  start: file.start(key),
                  end: key.end,
                  newText: `Buffer.from(process.env.${variable}${nonNull(file)}, ${q}hex${q})`,
                },
              ],
            },
          ],
        });
      },
    };
  },
};
