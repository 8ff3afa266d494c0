// CBC and CTR hide data but do not protect it: flipped ciphertext bits flip plaintext bits, and
// CBC padding errors are an oracle that decrypts messages. The guide's own example uses CBC alone.
import ts from 'typescript';
import { asCryptoCall, cryptoCalls, fileAuthenticates } from '../../knowledge/crypto';
import type { TsRule } from '../../languages/typescript/rule';

const unauthenticated =
  /^(?:aes-?(?:128|192|256)?-?(?:cbc|ctr|cfb\d*|ofb)|aes(?:128|192|256)|des-ede3-cbc|des-cbc|camellia-\d+-(?:cbc|ctr)|chacha20)$/;

export const unauthenticatedCipher: TsRule = {
  id: 'crypto/unauthenticated-cipher',
  language: 'typescript',
  meta: {
    title: 'Encryption without authentication',
    summary: 'CBC/CTR encryption with no MAC in the module',
    severity: 'info',
    guideSection: "Data Protection › Encrypt sensitive data (guide's own example)",
    checklistItem: 'no-hardcoded-secrets',
    description:
      "A CBC, CTR, CFB or OFB cipher is used and the module computes no HMAC over the ciphertext. Anyone who can change stored or sent ciphertext changes the plaintext undetected (bit flips in CTR, block edits in CBC), and CBC padding errors let an attacker decrypt messages byte by byte. The guide's encrypt example uses aes-256-cbc alone.",
    remedy:
      'Use aes-256-gcm and check the auth tag, or add an HMAC over IV + ciphertext (encrypt-then-MAC) and verify it first.',
  },
  create(context) {
    const { file } = context;
    let authenticates: boolean | undefined;
    return {
      calls: cryptoCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const crypto = asCryptoCall(file, call);
        if (
          !crypto ||
          (crypto.kind !== 'cipheriv' && crypto.kind !== 'decipheriv') ||
          !crypto.algorithm ||
          !crypto.algorithmArgument
        )
          return;
        if (!unauthenticated.test(crypto.algorithm)) return;
        authenticates ??= fileAuthenticates(file);
        if (authenticates) return;
        context.report({
          start: file.start(crypto.algorithmArgument),
          end: crypto.algorithmArgument.end,
          message: `'${crypto.algorithm}' encrypts without authenticating: altered ciphertext decrypts without an error${/cbc|^aes\d/.test(crypto.algorithm) ? ', and padding errors can reveal the plaintext' : ''}. Use aes-256-gcm or add an HMAC.`,
        });
      },
    };
  },
};
