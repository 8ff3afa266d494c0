// A secret-named variable or property (password, apiKey, clientSecret, …) bound to a string
// that looks like a real secret rather than a label, a reference or a placeholder.
import ts from 'typescript';
import {
  findCredentials,
  isSecretLikeName,
  looksLikeSecretValue,
  maskSecret,
  toEnvName,
} from '../../knowledge/secrets';
import { environmentVariableFixes, isEnvironmentObject } from '../../knowledge/environment';
import type { TsRule, TsRuleContext } from '../../languages/typescript/rule';
import { literalText, propertyNameText, skipOuterExpressions } from '../../languages/typescript/values';

function checkBinding(context: TsRuleContext, name: string | undefined, value: ts.Expression | undefined): void {
  if (!name || !value) return;
  // The value first: most bindings hold no string literal, and splitting the name into words costs more.
  const literal = skipOuterExpressions(value);
  const text = literalText(literal);
  if (text === undefined || !isSecretLikeName(name) || !looksLikeSecretValue(text)) return;
  if (findCredentials(text).length > 0) return; // secret/hardcoded-credential reports known formats
  const { file } = context;
  const start = file.start(literal);
  context.report({
    start,
    end: literal.end,
    message: `Hardcoded secret in '${name}' ('${maskSecret(text)}'). Read it from an environment variable instead.`,
    fixes: environmentVariableFixes(file, literal, start, literal.end, toEnvName(name)),
  });
}

function nameOf(name: ts.BindingName | ts.PropertyName): string | undefined {
  if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) return undefined;
  return propertyNameText(name);
}

export const hardcodedPassword: TsRule = {
  id: 'secret/hardcoded-password',
  language: 'typescript',
  meta: {
    title: 'Hardcoded password or secret',
    summary: 'a secret-named variable or property set to a secret-looking literal',
    severity: 'warning',
    guideSection: 'Protecting Sensitive Information › Never hardcode secrets',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'A variable or property whose name says it holds a secret (password, apiKey, clientSecret, token…) is set to a literal that looks like a real secret. Anyone who can read the code can use it, and changing it means a code change and a deploy.',
    remedy: 'Read the value from an environment variable or a secrets manager.',
    hasSuggestions: true,
    hintInTests: true,
  },
  create(context) {
    return {
      [ts.SyntaxKind.VariableDeclaration]: (node) => checkBinding(context, nameOf(node.name), node.initializer),
      [ts.SyntaxKind.PropertyAssignment]: (node) => checkBinding(context, nameOf(node.name), node.initializer),
      [ts.SyntaxKind.PropertyDeclaration]: (node) => checkBinding(context, nameOf(node.name), node.initializer),
      [ts.SyntaxKind.Parameter]: (node) => checkBinding(context, nameOf(node.name), node.initializer),
      [ts.SyntaxKind.BindingElement]: (node) => {
        // `const { JWT_SECRET = '…' } = process.env` is secret/env-fallback's finding.
        const declaration = node.parent.parent;
        if (
          ts.isVariableDeclaration(declaration) &&
          declaration.initializer &&
          isEnvironmentObject(declaration.initializer)
        )
          return;
        checkBinding(context, nameOf(node.name), node.initializer);
      },
      [ts.SyntaxKind.BinaryExpression]: (node) => {
        if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
        const left = node.left;
        const name = ts.isIdentifier(left)
          ? left.text
          : ts.isPropertyAccessExpression(left)
            ? left.name.text
            : ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression)
              ? left.argumentExpression.text
              : undefined;
        checkBinding(context, name, node.right);
      },
    };
  },
};
