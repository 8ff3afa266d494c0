// Comparing a secret with === stops at the first differing character; the response time tells
// an attacker how much of their guess was right.
import ts from 'typescript';
import { identifierWords, isSecretLikeName } from '../../knowledge/secrets';
import { appendHelperFunction } from '../../languages/typescript/edits';
import { environmentVariableRead } from '../../knowledge/environment';
import type { TsFile } from '../../languages/typescript/file';
import { importNamed } from '../../languages/typescript/imports';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyNameText, skipOuterExpressions } from '../../languages/typescript/values';
import { shorten } from '../../core/text';

const HELPER = 'safeEqual';

/** The name an operand is known by: `apiKey`, `req.headers['x-api-key']` -> x-api-key, `getApiKey()` -> getApiKey. */
function operandName(expression: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (
      ts.isPropertyAccessExpression(callee) &&
      (callee.name.text === 'get' || callee.name.text === 'header') &&
      e.arguments[0] &&
      ts.isStringLiteralLike(e.arguments[0])
    )
      return e.arguments[0].text;
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : undefined;
    return name?.replace(/^(?:get|load|read|fetch)(?=[A-Z_])/, '');
  }
  return undefined;
}

/** Words that make a `…Token` a syntax token (parsers, lexers), not a credential. */
const syntaxWords = new Set([
  'question',
  'dot',
  'asterisk',
  'colon',
  'exclamation',
  'equals',
  'greater',
  'less',
  'than',
  'readonly',
  'plus',
  'minus',
  'semicolon',
  'comma',
  'open',
  'close',
  'brace',
  'bracket',
  'paren',
  'arrow',
  'operator',
  'keyword',
  'end',
  'start',
  'eof',
  'last',
  'first',
  'current',
  'prev',
  'previous',
  'next',
  'bar',
  'ampersand',
  'slash',
  'hash',
  'at',
  'literal',
  'identifier',
  'punctuation',
  'modifier',
  'lexer',
  'parser',
  'message',
  'progress',
  'work',
  'request',
  'change',
  'cancellation',
  'continuation',
  'sync',
  'page',
  'cursor',
  'resume',
]);

function isSecretOperand(expression: ts.Expression, computesSignatures: () => boolean): boolean {
  const name = operandName(expression);
  if (name === undefined) return false;
  const words = identifierWords(name);
  if (words.length > 1 && words[words.length - 1] === 'token' && words.slice(0, -1).some((w) => syntaxWords.has(w)))
    return false;
  if (isSecretLikeName(name)) return true;
  // Signatures are secrets only where the file computes them (webhooks); elsewhere a "signature" is usually a type or a call shape.
  if (
    ['signature', 'sig', 'hmac', 'digest', 'mac'].includes(words[words.length - 1] ?? '') &&
    !words.includes('algorithm')
  )
    return computesSignatures();
  return /^(?:x-)?api-?key$|^authorization$/i.test(name);
}

function safeEqualFix(file: TsFile, binary: ts.BinaryExpression): ReturnType<typeof importNamed> & { text: string } {
  const specifier = /['"]node:crypto['"]/.test(file.text) ? 'node:crypto' : 'crypto';
  const imported = importNamed(file, specifier, 'timingSafeEqual');
  const negate =
    binary.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    binary.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken;
  return {
    ...imported,
    text: `${negate ? '!' : ''}${HELPER}(${file.textOf(binary.left)}, ${file.textOf(binary.right)})`,
  };
}

export const apiKeyTimingCompare: TsRule = {
  id: 'ts/api-key-timing-compare',
  language: 'typescript',
  meta: {
    title: 'Secret compared with ===',
    summary: 'API keys, tokens and signatures compared with `===`',
    severity: 'warning',
    guideSection: 'Authentication and Authorization › API Keys (beyond)',
    checklistItem: 'authentication',
    description:
      'An API key, token or signature is compared with `===`/`!==`. String comparison returns at the first differing character, so response times leak how many leading characters of a guess are right, and a key can be recovered a character at a time.',
    remedy: 'Compare with crypto.timingSafeEqual on buffers of equal length.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    const signingScopes = new Map<ts.Node, boolean>();
    return {
      [ts.SyntaxKind.BinaryExpression]: (binary) => {
        const op = binary.operatorToken.kind;
        if (
          op !== ts.SyntaxKind.EqualsEqualsEqualsToken &&
          op !== ts.SyntaxKind.ExclamationEqualsEqualsToken &&
          op !== ts.SyntaxKind.EqualsEqualsToken &&
          op !== ts.SyntaxKind.ExclamationEqualsToken
        )
          return;
        const left = skipOuterExpressions(binary.left);
        const right = skipOuterExpressions(binary.right);
        const isValue = (e: ts.Expression): boolean =>
          !(
            ts.isLiteralExpression(e) ||
            e.kind === ts.SyntaxKind.NullKeyword ||
            e.kind === ts.SyntaxKind.TrueKeyword ||
            e.kind === ts.SyntaxKind.FalseKeyword ||
            (ts.isIdentifier(e) && e.text === 'undefined') ||
            ts.isTypeOfExpression(e) ||
            ts.isNoSubstitutionTemplateLiteral(e) ||
            ts.isPrefixUnaryExpression(e)
          );
        if (!isValue(left) || !isValue(right)) return;
        if (
          [left, right].some(
            (e) => ts.isPropertyAccessExpression(e) && /^(?:length|size|type|kind|name|id)$/.test(e.name.text),
          )
        )
          return;
        // a.questionToken !== b.questionToken: the same field of two objects (syntax trees, records), not a credential check.
        if (
          operandName(left) !== undefined &&
          operandName(left) === operandName(right) &&
          !ts.isIdentifier(left) &&
          !ts.isIdentifier(right)
        )
          return;
        // Both sides must be secrets (or one a secret and the other its configured value).
        // Signing code sits in the same function as the comparison (webhook handlers, verify helpers).
        // Asked only of an operand named like a signature.
        const signing = (): boolean => {
          const scope = ts.findAncestor(binary, ts.isFunctionLike) ?? file.sourceFile;
          let computes = signingScopes.get(scope);
          if (computes === undefined)
            signingScopes.set(
              scope,
              (computes = /\bcreateHmac\b|\.digest\(|\bcreateSign\b|\bsubtle\.sign\b|\bcreateVerify\b/.test(
                file.textOf(scope),
              )),
            );
          return computes;
        };
        const secretLeft = isSecretOperand(left, signing);
        const secretRight = isSecretOperand(right, signing);
        const configured = (e: ts.Expression): boolean => environmentVariableRead(e) !== undefined;
        if (!((secretLeft && (secretRight || configured(right))) || (secretRight && configured(left)))) return;
        const fix = safeEqualFix(file, binary);
        const body = `  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && ${fix.reference}(x, y);
}`;
        const doc = '/** Compares two secrets in constant time (the length is not secret). */\n';
        context.report({
          start: file.start(binary),
          end: binary.end,
          message: `'${propertyNameTextOr(file, left)}' is compared with ${binary.operatorToken.getText(file.sourceFile)}: the time it takes leaks how much of a guess matches. Use crypto.timingSafeEqual.`,
          fixes: [
            {
              title: `Compare in constant time (${HELPER} with timingSafeEqual)`,
              kind: 'suggestion',
              edits: [
                ...fix.edits,
                { start: file.start(binary), end: binary.end, newText: fix.text },
                ...appendHelperFunction(
                  file,
                  HELPER,
                  `${doc}function ${HELPER}(a: string | undefined, b: string | undefined): boolean {\n${body}`,
                  `${doc}function ${HELPER}(a, b) {\n${body}`,
                ),
              ],
            },
          ],
        });
      },
    };
  },
};

function propertyNameTextOr(file: TsFile, e: ts.Expression): string {
  if (ts.isPropertyAccessExpression(e)) return propertyNameText(e.name) ?? file.textOf(e);
  return shorten(file.textOf(e));
}
