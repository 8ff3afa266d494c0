// Tokens signed without an expiry stay valid forever: a leaked token is a permanent key.
import ts from 'typescript';
import { jwtCallKind, jwtCalls, jwtOptions } from '../../knowledge/jwt';
import { addOptionEdit } from '../../languages/typescript/edits';
import type { TsRule } from '../../languages/typescript/rule';
import { constInitializer, objectProperty, skipOuterExpressions } from '../../languages/typescript/values';

export const jwtNoExpiry: TsRule = {
  id: 'ts/jwt-no-expiry',
  language: 'typescript',
  meta: {
    title: 'JWT signed without an expiry',
    summary: '`jwt.sign` without `expiresIn` or `exp`',
    severity: 'info',
    guideSection: 'Authentication and Authorization › JWT Authentication (beyond)',
    checklistItem: 'authentication',
    description:
      'jwt.sign is called with neither an `expiresIn` option nor an `exp` claim. The token never expires: one leaked from a log, a browser or a model transcript works until the signing secret is rotated.',
    remedy: "Add expiresIn (for example '1h') and refresh tokens when sessions must last longer.",
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: jwtCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        if (jwtCallKind(file, call) !== 'sign' || call.arguments.length < 2) return;
        // Only object payloads can expire (jsonwebtoken rejects expiresIn for string payloads).
        let payload = skipOuterExpressions(call.arguments[0]);
        if (ts.isIdentifier(payload)) {
          const init = constInitializer(file, payload);
          if (!init) return;
          payload = skipOuterExpressions(init);
        }
        if (!ts.isObjectLiteralExpression(payload)) return;
        // Spread or computed keys ([Claims.EXPIRATION_TIME]) may set exp: unknown, so quiet.
        if (
          objectProperty(payload, 'exp') ||
          payload.properties.some(
            (p) => ts.isSpreadAssignment(p) || (p.name !== undefined && ts.isComputedPropertyName(p.name)),
          )
        )
          return;
        const options = jwtOptions(call);
        if (options) {
          const object = skipOuterExpressions(options);
          if (!ts.isObjectLiteralExpression(object)) return;
          if (objectProperty(object, 'expiresIn') || object.properties.some((p) => ts.isSpreadAssignment(p))) return;
        }
        const q = file.quote;
        const edit = addOptionEdit(file, call, 2, `expiresIn: ${q}1h${q}`);
        context.report({
          start: file.start(call.expression),
          end: call.expression.end,
          message: 'jwt.sign creates a token that never expires. Add expiresIn.',
          fixes: edit
            ? [{ title: "Expire the token after an hour (expiresIn: '1h')", kind: 'suggestion', edits: [edit] }]
            : [],
        });
      },
    };
  },
};
