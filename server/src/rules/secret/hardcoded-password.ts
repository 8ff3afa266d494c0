// A secret-named variable or property (password, apiKey, clientSecret, …) bound to a string
// that looks like a real secret rather than a label, a reference or a placeholder.
import ts from 'typescript';
import {
  findCredentials,
  isPlaceholder,
  isSecretLikeName,
  looksLikeSecretValue,
  maskSecret,
  toEnvName,
} from '../../knowledge/secrets';
import { environmentVariableFixes, isEnvironmentObject } from '../../knowledge/environment';
import { sessionCallOfOptions } from '../../knowledge/sessions';
import type { TsRule, TsRuleContext } from '../../languages/typescript/rule';
import {
  constInitializer,
  literalText,
  propertyNameText,
  skipOuterExpressions,
} from '../../languages/typescript/values';

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

/**
 * `session({ secret: 'keyboard cat' })`, `cookieSession({ keys: ['a b c'] })`: whatever literal
 * signs the session cookies is a secret, spaces, example values and all (the libraries' own
 * example, 'keyboard cat', is the first one anyone would try). True when the property is one.
 */
function checkSessionSecret(context: TsRuleContext, node: ts.PropertyAssignment, name: string | undefined): boolean {
  if (name !== 'secret' && name !== 'keys') return false;
  const value = skipOuterExpressions(node.initializer);
  const elements = ts.isArrayLiteralExpression(value) ? [...value.elements] : [value];
  // Only literals (directly or through a const): anything else is not this rule's to judge.
  const literals = elements
    .map((element) => {
      const e = skipOuterExpressions(element);
      const viaConst = ts.isIdentifier(e) ? constInitializer(context.file, e) : undefined;
      const literal = viaConst ? skipOuterExpressions(viaConst) : e;
      return { literal, viaConst: viaConst !== undefined, text: literalText(literal) };
    })
    .filter((l) => l.text !== undefined && l.text.trim() !== '');
  if (literals.length === 0 || !ts.isObjectLiteralExpression(node.parent)) return false;
  const session = sessionCallOfOptions(context.file, node.parent);
  if (!session) return false;
  const { file } = context;
  const base = name === 'keys' ? 'SESSION_KEY' : 'SESSION_SECRET';
  literals.forEach(({ literal, viaConst, text }, index) => {
    const value = text!;
    if (findCredentials(value).length > 0) return; // secret/hardcoded-credential reports known formats
    // `const SECRET = '…'` that looks like a secret is reported at its declaration already.
    if (viaConst) {
      const declaration = literal.parent;
      const declared =
        ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration.name.text : '';
      if (isSecretLikeName(declared) && looksLikeSecretValue(value)) return;
    }
    const start = file.start(literal);
    const example = isPlaceholder(value) ? ', a well-known example value' : '';
    const what = name === 'keys' ? 'signing key' : 'secret';
    context.report({
      start,
      end: literal.end,
      message: `The ${session.library} ${what} is hardcoded ('${maskSecret(value)}'${example}): whoever knows it can forge session cookies. Read it from an environment variable instead.`,
      fixes: environmentVariableFixes(
        file,
        literal,
        start,
        literal.end,
        literals.length > 1 ? `${base}_${index + 1}` : base,
      ),
    });
  });
  return true;
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
      [ts.SyntaxKind.PropertyAssignment]: (node) => {
        const name = nameOf(node.name);
        if (checkSessionSecret(context, node, name)) return;
        checkBinding(context, name, node.initializer);
      },
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
