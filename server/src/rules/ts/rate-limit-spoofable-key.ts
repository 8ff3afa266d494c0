// A rate limiter keyed by X-Forwarded-For (or with `trust proxy` set to true) counts whatever
// IP the client writes in a header: a new fake address per request and there is no limit.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyNameText, skipOuterExpressions, staticString } from '../../languages/typescript/values';

/** A read of a request header inside a key generator: req.headers[…], req.get(…), req.header(…). */
function headerReads(body: ts.Node, request: string): ts.Expression[] {
  const reads: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isElementAccessExpression(node) || ts.isPropertyAccessExpression(node)) {
      const object = skipOuterExpressions(node.expression);
      if (
        ts.isPropertyAccessExpression(object) &&
        object.name.text === 'headers' &&
        ts.isIdentifier(object.expression) &&
        object.expression.text === request
      ) {
        reads.push(node);
        return;
      }
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      /^(?:get|header)$/.test(node.expression.name.text)
    ) {
      const object = node.expression.expression;
      if (ts.isIdentifier(object) && object.text === request) {
        reads.push(node);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return reads;
}

/**
 * Header reads of a key generator that destructures the request (`({ headers, ip }) => …`):
 * `headers['x-forwarded-for']` through the local name of `headers`, and header fields bound in
 * the pattern itself (`({ headers: { 'x-forwarded-for': forwarded } })`).
 */
function destructuredHeaderReads(body: ts.Node, pattern: ts.ObjectBindingPattern): ts.Node[] {
  const reads: ts.Node[] = [];
  for (const element of pattern.elements) {
    if (element.dotDotDotToken) continue;
    const property = element.propertyName ? propertyNameText(element.propertyName) : bindingText(element.name);
    if (property !== 'headers') continue;
    if (ts.isIdentifier(element.name)) {
      const local = element.name.text;
      const visit = (node: ts.Node): void => {
        if (
          (ts.isElementAccessExpression(node) || ts.isPropertyAccessExpression(node)) &&
          ts.isIdentifier(skipOuterExpressions(node.expression)) &&
          (skipOuterExpressions(node.expression) as ts.Identifier).text === local
        ) {
          reads.push(node);
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(body);
    } else if (ts.isObjectBindingPattern(element.name)) {
      reads.push(...element.name.elements.filter((e) => !e.dotDotDotToken));
    }
  }
  return reads;
}

function bindingText(name: ts.BindingName): string | undefined {
  return ts.isIdentifier(name) ? name.text : undefined;
}

/** The local name a destructuring pattern gives the request's `ip`, if it takes it. */
function destructuredIp(pattern: ts.ObjectBindingPattern): string | undefined {
  for (const element of pattern.elements) {
    const property = element.propertyName ? propertyNameText(element.propertyName) : bindingText(element.name);
    if (property === 'ip' && ts.isIdentifier(element.name)) return element.name.text;
  }
  return undefined;
}

function keyByIpFix(file: TsFile, read: ts.Node, ip: string, extra: OffsetEdit[] = []): DraftFix {
  // `req.headers['x-forwarded-for'] || req.ip` -> `req.ip`
  let target: ts.Node = read;
  const parent = read.parent;
  if (
    ts.isBinaryExpression(parent) &&
    parent.left === read &&
    /^(?:\|\||\?\?)$/.test(parent.operatorToken.getText(file.sourceFile)) &&
    file.textOf(parent.right) === ip
  )
    target = parent;
  return {
    title: `Key by ${ip} (set 'trust proxy' to the number of proxies in front)`,
    kind: 'suggestion',
    edits: [...extra, { start: file.start(target), end: target.end, newText: ip }],
  };
}

export const rateLimitSpoofableKey: TsRule = {
  id: 'ts/rate-limit-spoofable-key',
  language: 'typescript',
  meta: {
    title: 'Rate limit keyed by a client-controlled header',
    summary: 'rate limits keyed by `X-Forwarded-For`, or `trust proxy` set to `true`',
    severity: 'warning',
    guideSection: 'Rate Limiting (beyond)',
    checklistItem: 'rate-limiting',
    description:
      "A rate limiter's keyGenerator reads a request header (X-Forwarded-For, Forwarded, X-Real-IP, any req.headers[…]), or Express's `trust proxy` is true. Clients write those headers themselves: sending a different fake address with every request gives each one a fresh budget, so the limit never applies.",
    remedy: "Key by req.ip and set 'trust proxy' to the number of proxies in front of the app (for example 1).",
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    const check = (fn: ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration): void => {
      const parameter = fn.parameters[0];
      if (!parameter || !fn.body) return;
      let read: ts.Node | undefined;
      let fixes: DraftFix[] = [];
      if (ts.isIdentifier(parameter.name)) {
        const request = parameter.name.text;
        read = headerReads(fn.body, request)[0];
        if (read) fixes = [keyByIpFix(file, read, `${request}.ip`)];
      } else if (ts.isObjectBindingPattern(parameter.name)) {
        // ({ headers, ip }) => headers['x-forwarded-for'] ?? ip
        const pattern = parameter.name;
        read = destructuredHeaderReads(fn.body, pattern)[0];
        const ip = destructuredIp(pattern);
        const last = pattern.elements[pattern.elements.length - 1];
        if (read && ts.isBindingElement(read)) fixes = [];
        else if (read && ip) fixes = [keyByIpFix(file, read, ip)];
        else if (read && last && !last.dotDotDotToken && !/\bip\b/.test(file.textOf(fn)))
          fixes = [keyByIpFix(file, read, 'ip', [{ start: last.end, end: last.end, newText: ', ip' }])];
      }
      if (!read) return;
      context.report({
        start: file.start(read),
        end: read.end,
        message: `The rate-limit key comes from a request header (${file.textOf(read).slice(0, 50)}), which clients set themselves: a new value per request escapes the limit.`,
        fixes,
      });
    };
    return {
      [ts.SyntaxKind.PropertyAssignment]: (property) => {
        if (propertyNameText(property.name) !== 'keyGenerator') return;
        const fn = skipOuterExpressions(property.initializer);
        if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) check(fn);
      },
      // keyGenerator(req) { … }
      [ts.SyntaxKind.MethodDeclaration]: (method) => {
        if (propertyNameText(method.name) === 'keyGenerator' && ts.isObjectLiteralExpression(method.parent))
          check(method);
      },
      calls: { names: new Set(['set']) },
      [ts.SyntaxKind.CallExpression]: (call) => {
        // app.set('trust proxy', true)
        const callee = call.expression;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'set' || call.arguments.length !== 2) return;
        if (staticString(file, call.arguments[0]) !== 'trust proxy') return;
        const value = skipOuterExpressions(call.arguments[1]);
        if (value.kind !== ts.SyntaxKind.TrueKeyword) return;
        context.report({
          start: file.start(value),
          end: value.end,
          message:
            "'trust proxy' true makes req.ip the left-most X-Forwarded-For address, which the client chooses. Set it to the number of proxies in front (for example 1).",
          fixes: [
            {
              title: "Trust one proxy hop ('trust proxy', 1)",
              kind: 'suggestion',
              edits: [{ start: file.start(value), end: value.end, newText: '1' }],
            },
          ],
        });
      },
    };
  },
};
