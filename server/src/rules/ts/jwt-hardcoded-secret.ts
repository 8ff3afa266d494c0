// jwt.sign/verify with a secret written in the source: anyone with the code can mint tokens.
import ts from 'typescript';
import { maskSecret } from '../../knowledge/secrets';
import { jwtCallKind, jwtCalls } from '../../knowledge/jwt';
import { nonNull } from '../../languages/typescript/edits';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions, staticString } from '../../languages/typescript/values';

export const jwtHardcodedSecret: TsRule = {
  id: 'ts/jwt-hardcoded-secret',
  language: 'typescript',
  meta: {
    title: 'JWT secret written in the source',
    summary: '`jwt.sign`/`jwt.verify` with a secret written in the source',
    severity: 'error',
    guideSection: 'Authentication and Authorization › JWT Authentication',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'jwt.sign or jwt.verify gets a secret that is a string literal (or a constant holding one). Everyone who can read the code, its history or the built bundle can sign tokens the server accepts, as any user. Placeholder secrets copied from tutorials are worse: attackers try them first.',
    remedy: 'Read the secret from process.env.JWT_SECRET (or a secret manager) and rotate the one in the code.',
    hasSuggestions: true,
    hintInTests: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: jwtCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const kind = jwtCallKind(file, call);
        if ((kind !== 'sign' && kind !== 'verify') || call.arguments.length < 2) return;
        const secret = call.arguments[1];
        const value = staticString(file, secret);
        if (value === undefined || value === '') return;
        const literal = ts.isIdentifier(skipOuterExpressions(secret)) ? 'a constant' : 'a literal';
        context.report({
          start: file.start(secret),
          end: secret.end,
          message: `jwt.${kind} uses ${literal} secret ('${maskSecret(value)}'): anyone with the source can sign valid tokens. Read it from process.env.JWT_SECRET.`,
          fixes: [
            {
              title: 'Read the secret from process.env.JWT_SECRET',
              kind: 'suggestion',
              edits: [
                { start: file.start(secret), end: secret.end, newText: `process.env.JWT_SECRET${nonNull(file)}` },
              ],
            },
          ],
        });
      },
    };
  },
};
