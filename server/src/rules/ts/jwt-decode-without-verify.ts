// jwt.decode reads a token without checking its signature; deciding anything from it trusts
// whatever the client wrote.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { importNamed } from '../../languages/typescript/imports';
import { jwtCallKind, jwtCalls } from '../../knowledge/jwt';
import { nonNull } from '../../languages/typescript/edits';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions } from '../../languages/typescript/values';

/** How a value is trusted: read in a condition, or stored as the request's user. */
function trustingUse(node: ts.Node): string | undefined {
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent)) && parent.expression === child)
      return 'decides a condition';
    if (ts.isConditionalExpression(parent) && parent.condition === child) return 'decides a condition';
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken && parent.right === child) {
        const target = parent.left;
        if (
          (ts.isPropertyAccessExpression(target) &&
            /^(?:user|auth|session|claims|principal)$/.test(target.name.text)) ||
          (ts.isPropertyAccessExpression(target) &&
            ts.isPropertyAccessExpression(target.expression) &&
            target.expression.name.text === 'locals')
        ) {
          return `is stored as ${target.getText()}`;
        }
        return undefined;
      }
      if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken
      )
        return 'decides a comparison';
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) continue;
      return undefined;
    }
    if (
      ts.isPrefixUnaryExpression(parent) ||
      ts.isParenthesizedExpression(parent) ||
      ts.isPropertyAccessExpression(parent) ||
      ts.isElementAccessExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent)
    )
      continue;
    if (
      ts.isCallExpression(parent) &&
      parent.expression !== child &&
      ts.isPropertyAccessExpression(parent.expression) &&
      /^(?:includes|has|some)$/.test(parent.expression.name.text)
    )
      continue;
    if (ts.isCallExpression(parent) && parent.expression === child) continue;
    return undefined;
  }
  return undefined;
}

/** The first trusting use of the decoded value: directly, or through the variable it is stored in. */
function findTrust(file: TsFile, call: ts.CallExpression): string | undefined {
  const direct = trustingUse(call);
  if (direct) return direct;
  let holder: ts.Node = call;
  while (
    ts.isParenthesizedExpression(holder.parent) ||
    ts.isAsExpression(holder.parent) ||
    ts.isNonNullExpression(holder.parent)
  )
    holder = holder.parent;
  const declaration = holder.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== holder) return undefined;
  const names = new Set<ts.Node>();
  if (ts.isIdentifier(declaration.name)) names.add(declaration);
  else for (const element of declaration.name.elements) if (ts.isBindingElement(element)) names.add(element);
  const scope = declaration.parent.parent.parent;
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.parent !== declaration && !ts.isBindingElement(node.parent)) {
      const resolved = file.resolve(node);
      if (resolved && names.has(resolved)) found = trustingUse(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

function verifyFix(file: TsFile, call: ts.CallExpression): DraftFix | undefined {
  const callee = skipOuterExpressions(call.expression);
  const edits: OffsetEdit[] = [];
  if (ts.isPropertyAccessExpression(callee))
    edits.push({ start: file.start(callee.name), end: callee.name.end, newText: 'verify' });
  else if (ts.isIdentifier(callee)) {
    const imported = importNamed(file, 'jsonwebtoken', 'verify');
    edits.push(...imported.edits, { start: file.start(callee), end: callee.end, newText: imported.reference });
  } else return undefined;
  const token = call.arguments[0];
  if (!token) return undefined;
  edits.push({ start: token.end, end: token.end, newText: `, process.env.JWT_SECRET${nonNull(file)}` });
  return { title: 'Verify the token (jwt.verify with process.env.JWT_SECRET)', kind: 'suggestion', edits };
}

export const jwtDecodeWithoutVerify: TsRule = {
  id: 'ts/jwt-decode-without-verify',
  language: 'typescript',
  meta: {
    title: 'JWT decoded but not verified',
    summary: 'decisions made on `jwt.decode` output (no signature check)',
    severity: 'warning',
    guideSection: 'Authentication and Authorization › JWT Authentication',
    checklistItem: 'authentication',
    description:
      'jwt.decode only base64-decodes the token; it does not check the signature or the expiry. When its result decides an `if` or becomes `req.user`, anyone can write a token claiming to be any user or an admin.',
    remedy: 'Use jwt.verify(token, secret, { algorithms }) and trust only what it returns.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: jwtCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        if (jwtCallKind(file, call) !== 'decode') return;
        const trust = findTrust(file, call);
        if (!trust) return;
        const fix = verifyFix(file, call);
        context.report({
          start: file.start(call.expression),
          end: call.expression.end,
          message: `A token read with jwt.decode (no signature check) ${trust}: anyone can forge its claims. Use jwt.verify.`,
          fixes: fix ? [fix] : [],
        });
      },
    };
  },
};
