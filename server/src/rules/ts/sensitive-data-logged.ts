// Secrets, credentials and whole request objects passed to console or a logger: logs are
// shipped, stored and read by far more people and systems than the secret was meant for.
import ts from 'typescript';
import { isSecretLikeName } from '../../knowledge/secrets';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { isLoggingCall, isRequestIdentifier, loggingCalls } from '../../knowledge/http';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions } from '../../languages/typescript/values';

const sensitiveHeaderNames =
  /^(?:authorization|proxy-authorization|cookie|cookies|set-cookie|x-api-key|x-auth-token)$/i;
/** Calls whose result no longer carries the secret. */
const neutralizingCalls = /(?:mask|redact|hash|sanitize|scrub|truncate|fingerprint|obfuscate|censor)/i;

interface Sensitive {
  node: ts.Expression;
  what: string;
}

function describeRequestPart(file: TsFile, expression: ts.Expression): string | undefined {
  // req, req.body, req.headers, req.cookies, req.headers.authorization, req.headers['cookie'], req.get('authorization')
  const e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) return isRequestIdentifier(file, e) ? 'the whole request' : undefined;
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const object = skipOuterExpressions(e.expression);
    const name = ts.isPropertyAccessExpression(e)
      ? e.name.text
      : ts.isStringLiteralLike(e.argumentExpression)
        ? e.argumentExpression.text
        : undefined;
    if (ts.isIdentifier(object) && isRequestIdentifier(file, object)) {
      if (name === 'body') return 'the request body';
      if (name === 'headers') return 'the request headers';
      if (name === 'cookies' || name === 'signedCookies') return 'the request cookies';
      return undefined;
    }
    if (
      name &&
      sensitiveHeaderNames.test(name) &&
      (ts.isPropertyAccessExpression(object) || ts.isElementAccessExpression(object))
    ) {
      const parentName = ts.isPropertyAccessExpression(object)
        ? object.name.text
        : ts.isStringLiteralLike(object.argumentExpression)
          ? object.argumentExpression.text
          : undefined;
      if (parentName === 'headers') return `the ${name} header`;
    }
  }
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    ['get', 'header'].includes(e.expression.name.text)
  ) {
    const object = skipOuterExpressions(e.expression.expression);
    const argument = e.arguments[0];
    if (
      ts.isIdentifier(object) &&
      isRequestIdentifier(file, object) &&
      argument &&
      ts.isStringLiteralLike(argument) &&
      sensitiveHeaderNames.test(argument.text)
    ) {
      return `the ${argument.text} header`;
    }
  }
  return undefined;
}

/** `EnvNames.MSI_SECRET`: an enum-style constant holds the name of a secret, not the secret. */
function isConstantName(expression: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    /^[A-Z][a-z]/.test(expression.expression.text) &&
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(expression.name.text)
  );
}

function secretNameOf(expression: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

/** Finds the sensitive sub-expressions of one logged argument. */
function collectSensitive(file: TsFile, expression: ts.Expression, out: Sensitive[]): void {
  const e = skipOuterExpressions(expression);
  const requestPart = describeRequestPart(file, e);
  if (requestPart) {
    out.push({ node: e, what: requestPart });
    return;
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const name = secretNameOf(e);
    if (name && (isSecretLikeName(name) || sensitiveHeaderNames.test(name)) && !isConstantName(e)) {
      out.push({ node: e, what: `'${name}'` });
    }
    // Only the last name counts: `token.length`, `credential.credentialType` and
    // `req.body.username` are properties of a secret or a request, not the secret itself.
    return;
  }
  if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) collectSensitive(file, span.expression, out);
    return;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    collectSensitive(file, e.left, out);
    collectSensitive(file, e.right, out);
    return;
  }
  if (ts.isObjectLiteralExpression(e)) {
    for (const property of e.properties) {
      if (ts.isShorthandPropertyAssignment(property)) {
        if (isSecretLikeName(property.name.text)) out.push({ node: property.name, what: `'${property.name.text}'` });
        else {
          const requestPart = describeRequestPart(file, property.name);
          if (requestPart) out.push({ node: property.name, what: requestPart });
        }
      } else if (ts.isPropertyAssignment(property)) {
        collectSensitive(file, property.initializer, out);
      } else if (ts.isSpreadAssignment(property)) {
        collectSensitive(file, property.expression, out);
      }
    }
    return;
  }
  if (ts.isArrayLiteralExpression(e)) {
    for (const element of e.elements) collectSensitive(file, element, out);
    return;
  }
  if (ts.isCallExpression(e)) {
    const calleeText = file.textOf(e.expression);
    if (neutralizingCalls.test(calleeText)) return;
    // JSON.stringify(req.body), String(token), util.inspect(req)
    for (const argument of e.arguments) collectSensitive(file, argument, out);
    if (
      ts.isPropertyAccessExpression(e.expression) &&
      ['toString', 'toJSON', 'trim', 'valueOf'].includes(e.expression.name.text)
    ) {
      collectSensitive(file, e.expression.expression, out);
    }
    return;
  }
  if (ts.isConditionalExpression(e)) {
    collectSensitive(file, e.whenTrue, out);
    collectSensitive(file, e.whenFalse, out);
  }
}

function redactionFix(file: TsFile, sensitive: ts.Node): DraftFix {
  const parent = sensitive.parent;
  let edit;
  if (ts.isTemplateSpan(parent) && parent.expression === sensitive) {
    const template = parent.parent;
    const index = template.templateSpans.indexOf(parent);
    const previousLiteral = index === 0 ? template.head : template.templateSpans[index - 1].literal;
    // Replace `${expr}` with the text [redacted] inside the template.
    edit = { start: previousLiteral.end - 2, end: file.start(parent.literal) + 1, newText: '[redacted]' };
  } else if (ts.isShorthandPropertyAssignment(parent)) {
    edit = { start: file.start(parent), end: parent.end, newText: `${parent.name.text}: ${file.quoted('[redacted]')}` };
  } else {
    edit = { start: file.start(sensitive), end: sensitive.end, newText: file.quoted('[redacted]') };
  }
  return { title: 'Log [redacted] instead of the sensitive value', kind: 'fix', edits: [edit] };
}

export const sensitiveDataLogged: TsRule = {
  id: 'ts/sensitive-data-logged',
  language: 'typescript',
  meta: {
    title: 'Sensitive data written to logs',
    summary: 'tokens, passwords, auth headers or whole requests written to logs',
    severity: 'warning',
    guideSection: 'Data Protection › Sanitize logs',
    checklistItem: 'logging',
    description:
      'A log call includes a secret (token, password, API key), an authorization or cookie header, or a whole request or request body. Logs are copied to files, log services and terminals that many more people can read, and they are kept for a long time.',
    remedy: 'Log a fixed description instead of the value ("[redacted]"), keeping the rest of the message.',
    fixable: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: loggingCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        if (call.arguments.length === 0 || !isLoggingCall(file, call)) return;
        const found: Sensitive[] = [];
        for (const argument of call.arguments) collectSensitive(file, argument, found);
        for (const { node, what } of found) {
          context.report({
            start: file.start(node),
            end: node.end,
            message: `This log call writes ${what} to the logs. Log a fixed description instead of the value.`,
            fixes: [redactionFix(file, node)],
          });
        }
      },
    };
  },
};
