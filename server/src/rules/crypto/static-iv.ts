// An IV that never changes: equal plaintexts give equal ciphertexts, and for CTR/GCM the key
// stream repeats, which reveals the XOR of two messages (and, for GCM, the authentication key).
import ts from 'typescript';
import { asCryptoCall, cryptoCalls, isSourceFixedBytes, randomIvFix } from '../../knowledge/crypto';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions } from '../../languages/typescript/values';

/** A constant declared at module level: one value for every message the process encrypts. */
function isModuleConstant(file: TsFile, expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  if (!ts.isIdentifier(e)) return false;
  const declaration = file.resolve(e);
  return (
    declaration !== undefined &&
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableStatement(declaration.parent.parent) &&
    ts.isSourceFile(declaration.parent.parent.parent) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0
  );
}

export const staticIv: TsRule = {
  id: 'crypto/static-iv',
  language: 'typescript',
  meta: {
    title: 'Fixed initialization vector',
    summary: 'constant or zero initialization vectors',
    severity: 'error',
    guideSection: 'Data Protection › Encrypt sensitive data',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'createCipheriv gets an IV that is a literal, a zero buffer (Buffer.alloc), or a module-level constant, so every message is encrypted with the same IV. Equal plaintexts then give equal ciphertexts; with CTR or GCM the key stream repeats, which reveals the XOR of two plaintexts and lets GCM tags be forged.',
    remedy: 'Generate crypto.randomBytes(16) (12 for GCM) for every message and store it beside the ciphertext.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: cryptoCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const crypto = asCryptoCall(file, call);
        if (!crypto || crypto.kind !== 'cipheriv' || !crypto.iv) return;
        const iv = crypto.iv;
        const e = skipOuterExpressions(iv);
        if (e.kind === ts.SyntaxKind.NullKeyword) return; // ECB and stream ciphers take no IV (crypto/ecb-mode reports ECB)
        if (crypto.algorithm && /ecb/.test(crypto.algorithm)) return;
        if (ts.isStringLiteralLike(e) && e.text === '') return;
        if (ts.isCallExpression(e) && file.textOf(e).replace(/\s/g, '') === 'Buffer.alloc(0)') return;
        const fixed = isSourceFixedBytes(file, iv);
        if (!fixed && !isModuleConstant(file, iv)) return;
        const fix = randomIvFix(
          file,
          call,
          crypto.algorithm,
          iv,
          'Use a random IV for every message (store it with the ciphertext)',
        );
        context.report({
          start: file.start(iv),
          end: iv.end,
          message: `The IV '${file.textOf(iv).slice(0, 40)}' is the same for every message: equal plaintexts give equal ciphertexts${crypto.algorithm && /gcm|ctr/.test(crypto.algorithm) ? ' and the key stream repeats' : ''}. Generate a random IV per message.`,
          fixes: fix ? [fix] : [],
        });
      },
    };
  },
};
