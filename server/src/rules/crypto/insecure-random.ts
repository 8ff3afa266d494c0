// Math.random is predictable: its internal state can be recovered from a few outputs, so tokens
// and ids made from it can be guessed.
import ts from 'typescript';
import { identifierWords, isSecretLikeName } from '../../knowledge/secrets';
import { importNamed } from '../../languages/typescript/imports';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';
import { bindingNameOf, calleeName, propertyNameText, skipOuterExpressions } from '../../languages/typescript/values';
import { isMathRandom, returnsMathRandom } from '../../knowledge/crypto';
import { localFunction } from '../../languages/typescript/declarations';
import { flowTarget, importsFromWorkspace } from '../../languages/typescript/exports';
import { shorten } from '../../core/text';

const secretWords = new Set([
  'nonce',
  'salt',
  'otp',
  'csrf',
  'xsrf',
  'uuid',
  'guid',
  'secret',
  'token',
  'password',
  'passwd',
]);
const idQualifiers = new Set([
  'session',
  'request',
  'invite',
  'reset',
  'verification',
  'auth',
  'api',
  'state',
  'transaction',
  'order',
  'payment',
  'user',
  'client',
  'device',
]);

/** What a generator's name starts with before what it makes: generateToken makes a token. */
const helperPrefix = /^(?:generate|create|make|new|gen|random)(?=[A-Z_])/;

/** Whether a binding name says the value must be unguessable. */
export function isUnguessableName(name: string): boolean {
  if (isSecretLikeName(name)) return true;
  const words = identifierWords(name);
  if (words.some((w) => secretWords.has(w))) return !words.some((w) => w === 'length' || w === 'count' || w === 'size');
  const last = words[words.length - 1];
  if (
    (last === 'id' || last === 'code' || last === 'key') &&
    words.length > 1 &&
    idQualifiers.has(words[words.length - 2])
  )
    return true;
  return false;
}

/** The expression Math.random() feeds (through arithmetic, toString, templates, calls) and the name it is bound to. */
function feeds(call: ts.CallExpression): { expression: ts.Expression; name: string } | undefined {
  let e: ts.Expression = call;
  // The part a fix replaces: the random expression, not the template text around it.
  let replaced: ts.Expression | undefined;
  for (;;) {
    const parent: ts.Node = e.parent;
    // a ?? Math.random(), cond ? x : Math.random(): a fix replaces the branch, not the alternative.
    if (
      (ts.isBinaryExpression(parent) &&
        (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
          parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) ||
      (ts.isConditionalExpression(parent) && parent.condition !== e)
    ) {
      replaced ??= e;
      e = parent;
      continue;
    }
    if (
      (ts.isBinaryExpression(parent) && parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) ||
      ts.isParenthesizedExpression(parent) ||
      ts.isPropertyAccessExpression(parent) ||
      ts.isTemplateSpan(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSpreadElement(parent) ||
      ts.isArrayLiteralExpression(parent) ||
      ts.isPrefixUnaryExpression(parent)
    ) {
      if (ts.isTemplateSpan(parent)) replaced ??= e;
      e = ts.isTemplateSpan(parent) ? (parent.parent as ts.TemplateExpression) : (parent as ts.Expression);
      continue;
    }
    if (ts.isCallExpression(parent)) {
      // Math.floor(Math.random() * n), String(…), x.toString(36), [..].join('')
      e = parent;
      continue;
    }
    break;
  }
  const target = replaced ?? e;
  const name = bindingNameOf(e);
  if (name) return { expression: target, name };
  const parent = e.parent;
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === e)) {
    const fn = ts.isReturnStatement(parent) ? ts.findAncestor(parent, ts.isFunctionLike) : parent;
    const fnName =
      fn && (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name
        ? propertyNameText(fn.name)
        : fn && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)
          ? fn.parent.name.text
          : fn && ts.isPropertyAssignment(fn.parent)
            ? propertyNameText(fn.parent.name)
            : undefined;
    if (fnName) return { expression: target, name: fnName.replace(helperPrefix, '') };
  }
  return undefined;
}

/** Words that make a value a credential whatever else it is: a session id, a reset code, a key. */
const credentialWords = new Set([
  'nonce',
  'salt',
  'otp',
  'csrf',
  'xsrf',
  'secret',
  'token',
  'password',
  'passwd',
  'session',
  'invite',
  'reset',
  'verification',
  'auth',
  'api',
  'state',
]);

/**
 * Whether a name says a secret or a credential (`sessionId`, `resetCode`, `apiKey`, `csrfToken`),
 * not merely an identifier that must not collide (`userId`, `clientId`, `uuid`).
 */
function isCredentialName(name: string): boolean {
  if (isSecretLikeName(name)) return true;
  const words = identifierWords(name);
  const last = words[words.length - 1];
  return last === 'key' || last === 'code' || last === 'pin' || words.some((w) => credentialWords.has(w));
}

/** Cryptographic generators Math.random() is a fallback for. */
const strongGenerators = new Set(['randomUUID', 'getRandomValues', 'randomBytes', 'randomInt', 'randomFillSync']);

function callsStrongGenerator(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const callee = skipOuterExpressions(n.expression);
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      if (strongGenerators.has(name)) {
        found = true;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/**
 * Whether Math.random() runs only when a cryptographic generator is missing or failed: the
 * `catch` of a `try` that calls randomUUID(), the other branch of
 * `typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : …` (or of an `if`), the right
 * side of `crypto.randomUUID?.() ?? …`. Every runtime the code supports has the generator.
 */
function isFallback(call: ts.CallExpression): boolean {
  for (let current: ts.Node = call; current.parent; current = current.parent) {
    const parent: ts.Node = current.parent;
    if (ts.isFunctionLike(parent) || ts.isSourceFile(parent)) return false;
    if (ts.isConditionalExpression(parent) && parent.whenFalse === current && callsStrongGenerator(parent.whenTrue))
      return true;
    if (
      ts.isBinaryExpression(parent) &&
      parent.right === current &&
      (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
      callsStrongGenerator(parent.left)
    )
      return true;
    if (ts.isIfStatement(parent) && parent.elseStatement === current && callsStrongGenerator(parent.thenStatement))
      return true;
    if (ts.isCatchClause(parent) && ts.isTryStatement(parent.parent) && callsStrongGenerator(parent.parent.tryBlock))
      return true;
  }
  return false;
}

const randomCalls: CallFilter = { names: new Set(['random']) };

export const insecureRandom: TsRule = {
  id: 'crypto/insecure-random',
  language: 'typescript',
  meta: {
    title: 'Math.random() used for a token or id',
    summary: '`Math.random()` making tokens, ids and codes',
    severity: 'warning',
    guideSection: 'Data Protection (beyond)',
    checklistItem: 'authentication',
    description:
      "Math.random() feeds a token, session id, nonce, key, password or reset code. V8's generator (xorshift128+) is not cryptographic: a handful of outputs reveal its state and every later value, so the 'random' token can be predicted.",
    remedy: "Use crypto.randomUUID() for ids and crypto.randomBytes(32).toString('hex') for tokens.",
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    /** `const resetToken = randomString(32)`: a helper of this file or another one built on Math.random. */
    const throughHelper = (name: string, value: ts.Expression | undefined): void => {
      if (!value) return;
      let call = skipOuterExpressions(value);
      if (ts.isAwaitExpression(call)) call = skipOuterExpressions(call.expression);
      if (!ts.isCallExpression(call) || !isUnguessableName(name)) return;
      const callee = skipOuterExpressions(call.expression);
      const helper = calleeName(callee);
      // generateToken() is reported where it calls Math.random (its own name says token).
      if (!helper || isUnguessableName(helper.replace(helperPrefix, ''))) return;
      const text = shorten(file.textOf(callee));
      const at = { start: file.start(call), end: call.end };
      const message = `'${name}' comes from ${text}(), which makes it with Math.random(): its output is predictable, so the value can be guessed. Use crypto.randomUUID() or crypto.randomBytes() in ${text}.`;
      const local = ts.isIdentifier(callee) ? localFunction(file, callee) : undefined;
      if (local) {
        if (returnsMathRandom(file, local)) context.report({ ...at, message });
        return;
      }
      const target = flowTarget(file, call);
      if (target) context.report({ ...at, message, when: { target, trait: 'math-random', text } });
    };
    function reportCall(call: ts.CallExpression): void {
      if (!isMathRandom(file, call)) return;
      const fed = feeds(call);
      if (!fed || !isUnguessableName(fed.name)) return;
      // The fallback of randomUUID() for an id that must only not collide: not this rule's concern.
      if (!isCredentialName(fed.name) && isFallback(call)) return;
      const specifier = /['"]node:crypto['"]/.test(file.text) ? 'node:crypto' : 'crypto';
      const words = identifierWords(fed.name);
      const numericCode = ['code', 'otp', 'pin'].includes(words[words.length - 1] ?? '');
      if (numericCode) {
        const int = importNamed(file, specifier, 'randomInt');
        context.report({
          start: file.start(call),
          end: call.end,
          message: `Math.random() makes '${fed.name}', which must be unguessable: its output is predictable. Use crypto.randomInt().`,
          fixes: [
            {
              title: 'Use crypto.randomInt() (six digits)',
              kind: 'suggestion',
              edits: [
                ...int.edits,
                {
                  start: file.start(fed.expression),
                  end: fed.expression.end,
                  newText: `String(${int.reference}(100000, 1000000))`,
                },
              ],
            },
          ],
        });
        return;
      }
      const uuid = importNamed(file, specifier, 'randomUUID');
      context.report({
        start: file.start(call),
        end: call.end,
        message: `Math.random() makes '${fed.name}', which must be unguessable: its output is predictable. Use crypto.randomUUID() or crypto.randomBytes().`,
        fixes: [
          {
            title: 'Use crypto.randomUUID()',
            kind: 'suggestion',
            edits: [
              ...uuid.edits,
              { start: file.start(fed.expression), end: fed.expression.end, newText: `${uuid.reference}()` },
            ],
          },
        ],
      });
    }
    const random = { calls: randomCalls, [ts.SyntaxKind.CallExpression]: reportCall };
    // A helper built on Math.random is in this file (its text says so) or another one it imports.
    if (!file.text.includes('Math.random') && !importsFromWorkspace(file)) return random;
    return {
      ...random,
      [ts.SyntaxKind.VariableDeclaration]: (declaration) => {
        if (ts.isIdentifier(declaration.name)) throughHelper(declaration.name.text, declaration.initializer);
      },
      [ts.SyntaxKind.PropertyAssignment]: (property) => {
        const name = propertyNameText(property.name);
        if (name) throughHelper(name, property.initializer);
      },
    };
  },
};
