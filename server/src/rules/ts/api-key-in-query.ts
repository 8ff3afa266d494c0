// API keys in the query string end up in access logs, proxy logs, browser history and Referer
// headers.
import ts from 'typescript';
import { isSecretLikeName } from '../../knowledge/secrets';
import type { TsFile } from '../../languages/typescript/file';
import { isRequestIdentifier } from '../../knowledge/http';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyNameText, skipOuterExpressions } from '../../languages/typescript/values';

const credentialParameters = /^(?:api[-_]?key|apikey|key|access[-_]?token|token|auth|secret|password)$/i;

function isCredentialName(name: string): boolean {
  return credentialParameters.test(name) || isSecretLikeName(name);
}

/** `req.query` (express, fastify) or `ctx.query` / `ctx.request.query` (koa). */
function isQueryObject(file: TsFile, expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'query') return false;
  let object = skipOuterExpressions(e.expression);
  if (ts.isPropertyAccessExpression(object) && object.name.text === 'request')
    object = skipOuterExpressions(object.expression);
  if (!ts.isIdentifier(object)) return false;
  if (isRequestIdentifier(file, object)) return true;
  const declaration = file.resolve(object);
  return (
    (object.text === 'ctx' || object.text === 'context') && declaration !== undefined && ts.isParameter(declaration)
  );
}

export const apiKeyInQuery: TsRule = {
  id: 'ts/api-key-in-query',
  language: 'typescript',
  meta: {
    title: 'API key read from the query string',
    summary: 'API keys and tokens read from the query string',
    severity: 'warning',
    guideSection: 'Authentication and Authorization › API Keys (beyond)',
    checklistItem: 'authentication',
    description:
      "The server reads an API key or token from the URL's query string. URLs are written to access logs, proxy and CDN logs, browser history and Referer headers, so the key leaks to everyone who can read those.",
    remedy: 'Accept the key in a header (X-API-Key, or Authorization: Bearer) and reject it in the query string.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    const report = (node: ts.Node, name: string, replacement?: string): void => {
      context.report({
        start: file.start(node),
        end: node.end,
        message: `'${name}' is read from the query string, so it is written to access logs, history and Referer headers. Read it from a header.`,
        fixes: replacement
          ? [
              {
                title: `Read it from the X-API-Key header`,
                kind: 'suggestion',
                edits: [{ start: file.start(node), end: node.end, newText: replacement }],
              },
            ]
          : [],
      });
    };
    // Every shape reads a `query` property: most files never mention one.
    if (!file.text.includes('query')) return {};
    return {
      [ts.SyntaxKind.PropertyAccessExpression]: (access) => {
        if (!isQueryObject(file, access.expression) || !isCredentialName(access.name.text)) return;
        const request = file.textOf(
          skipOuterExpressions((skipOuterExpressions(access.expression) as ts.PropertyAccessExpression).expression),
        );
        const q = file.quote;
        const isKey = /key/i.test(access.name.text) && !request.includes('.');
        report(access, access.name.text, isKey ? `${request}.headers[${q}x-api-key${q}]` : undefined);
      },
      [ts.SyntaxKind.ElementAccessExpression]: (access) => {
        if (
          !ts.isStringLiteralLike(access.argumentExpression) ||
          !isQueryObject(file, access.expression) ||
          !isCredentialName(access.argumentExpression.text)
        )
          return;
        report(access, access.argumentExpression.text);
      },
      [ts.SyntaxKind.VariableDeclaration]: (declaration) => {
        if (
          !ts.isObjectBindingPattern(declaration.name) ||
          !declaration.initializer ||
          !isQueryObject(file, declaration.initializer)
        )
          return;
        for (const element of declaration.name.elements) {
          const name = element.propertyName
            ? propertyNameText(element.propertyName)
            : ts.isIdentifier(element.name)
              ? element.name.text
              : undefined;
          if (name && isCredentialName(name)) report(element, name);
        }
      },
    };
  },
};
