// `process.env.JWT_SECRET || 'dev-secret'`: when the variable is missing in production the app
// quietly runs with a secret that is in the source code.
import ts from 'typescript';
import { findCredentials, isSecretLikeName, localDevelopmentDefault } from '../../knowledge/secrets';
import { appendHelperFunction, replaceNode } from '../../languages/typescript/edits';
import { environmentVariableRead, isEnvironmentObject, processEnvAccess } from '../../knowledge/environment';
import type { TsRule, TsRuleContext } from '../../languages/typescript/rule';
import { literalText, skipOuterExpressions } from '../../languages/typescript/values';

const HELPER = 'requiredEnv';
const typedHelper = `function ${HELPER}(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing required environment variable \${name}\`);
  return value;
}`;
const untypedHelper = `function ${HELPER}(name) {
  const value = process.env[name];
  if (!value) throw new Error(\`Missing required environment variable \${name}\`);
  return value;
}`;

function isSecretFallback(variable: string, fallback: ts.Expression): boolean {
  const text = literalText(skipOuterExpressions(fallback));
  if (text === undefined || text.trim() === '') return false;
  if (isSecretLikeName(variable)) return true;
  // `DATABASE_URL ?? 'postgres://postgres:postgres@localhost/db'`: a local default, no secret.
  const credentials = findCredentials(text);
  return credentials.some((c) => c.format.id !== 'url-credentials' || !localDevelopmentDefault(c.value));
}

function message(variable: string): string {
  return `${processEnvAccess(variable)} falls back to a hardcoded value. Fail at start-up when the variable is missing instead.`;
}

function checkBinary(context: TsRuleContext, node: ts.BinaryExpression): void {
  const operator = node.operatorToken.kind;
  if (operator !== ts.SyntaxKind.QuestionQuestionToken && operator !== ts.SyntaxKind.BarBarToken) return;
  const variable = environmentVariableRead(node.left);
  if (!variable || !isSecretFallback(variable, node.right)) return;
  const { file } = context;
  const fallback = skipOuterExpressions(node.right);
  context.report({
    start: file.start(fallback),
    end: fallback.end,
    message: message(variable),
    fixes: [
      {
        title: `Drop the fallback and throw when ${variable} is missing`,
        kind: 'suggestion',
        edits: [
          replaceNode(file, node, `${HELPER}(${file.quoted(variable)})`),
          ...appendHelperFunction(file, HELPER, typedHelper, untypedHelper),
        ],
      },
    ],
  });
}

/** `const { JWT_SECRET = 'dev' } = process.env` */
function checkDestructuringDefault(context: TsRuleContext, node: ts.BindingElement): void {
  if (!node.initializer || !ts.isObjectBindingPattern(node.parent) || !ts.isVariableDeclaration(node.parent.parent))
    return;
  const source = node.parent.parent.initializer;
  if (!source || !isEnvironmentObject(source)) return;
  const property = node.propertyName ?? node.name;
  if (!ts.isIdentifier(property) && !ts.isStringLiteral(property)) return;
  if (!isSecretFallback(property.text, node.initializer)) return;
  const fallback = skipOuterExpressions(node.initializer);
  context.report({ start: context.file.start(fallback), end: fallback.end, message: message(property.text) });
}

export const envFallback: TsRule = {
  id: 'secret/env-fallback',
  language: 'typescript',
  meta: {
    title: 'Secret environment variable with a hardcoded fallback',
    summary: "`process.env.JWT_SECRET \\|\\| 'dev-secret'`: a secret with a hardcoded fallback",
    severity: 'error',
    guideSection: 'Protecting Sensitive Information › Never hardcode secrets',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'A secret is read from the environment but falls back to a literal. When the variable is missing (a typo, a new deployment) the application keeps running with a secret that everyone who has the source knows.',
    remedy: 'Drop the fallback and stop at start-up when the variable is missing.',
    hasSuggestions: true,
    hintInTests: true,
  },
  create(context) {
    return {
      [ts.SyntaxKind.BinaryExpression]: (node) => checkBinary(context, node),
      [ts.SyntaxKind.BindingElement]: (node) => checkDestructuringDefault(context, node),
    };
  },
};
