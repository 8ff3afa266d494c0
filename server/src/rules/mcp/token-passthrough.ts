// Forwarding the client's Authorization header upstream: the MCP specification forbids token
// passthrough, because the upstream then trusts a token that was never issued for it.
import ts from 'typescript';
import type { TsFile } from '../../languages/typescript/file';
import { isRequestIdentifier } from '../../knowledge/http';
import { asOutgoingRequest, outgoingRequestCalls } from '../../knowledge/requests';
import type { TsRule } from '../../languages/typescript/rule';
import {
  propertyNameText,
  propertyValue,
  skipOuterExpressions,
  variableInitializer,
} from '../../languages/typescript/values';

/** Whether an expression carries the incoming request's credentials: its Authorization header, all its headers, or the SDK's authInfo.token. */
function incomingCredential(
  file: TsFile,
  expression: ts.Expression,
  depth = 0,
): 'authorization' | 'headers' | undefined {
  if (depth > 4) return undefined;
  const e = skipOuterExpressions(expression);
  let result: 'authorization' | 'headers' | undefined;
  const visit = (node: ts.Node): void => {
    if (result) return;
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const key = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : ts.isStringLiteralLike(node.argumentExpression)
          ? node.argumentExpression.text
          : '';
      const object = skipOuterExpressions(node.expression);
      if (
        key.toLowerCase() === 'authorization' &&
        ts.isPropertyAccessExpression(object) &&
        object.name.text === 'headers' &&
        ts.isIdentifier(object.expression) &&
        isRequestIdentifier(file, object.expression)
      ) {
        result = 'authorization';
        return;
      }
      if (key === 'token' && ts.isPropertyAccessExpression(object) && object.name.text === 'authInfo') {
        result = 'authorization';
        return;
      }
      if (
        key === 'headers' &&
        ts.isIdentifier(object) &&
        isRequestIdentifier(file, object) &&
        !ts.isPropertyAccessExpression(node.parent) &&
        !ts.isElementAccessExpression(node.parent)
      ) {
        result = 'headers';
        return;
      }
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      /^(?:get|header)$/.test(node.expression.name.text)
    ) {
      const object = skipOuterExpressions(node.expression.expression);
      const arg = node.arguments[0];
      if (
        ts.isIdentifier(object) &&
        isRequestIdentifier(file, object) &&
        arg &&
        ts.isStringLiteralLike(arg) &&
        arg.text.toLowerCase() === 'authorization'
      ) {
        result = 'authorization';
        return;
      }
    }
    if (ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node.parent)) {
      const init = variableInitializer(file, node);
      if (init && init !== e) {
        const inner = incomingCredential(file, init, depth + 1);
        if (inner) result = inner;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(e);
  return result;
}

export const tokenPassthrough: TsRule = {
  id: 'mcp/token-passthrough',
  language: 'typescript',
  meta: {
    title: "Client's token forwarded upstream",
    summary: "the caller's token forwarded to an upstream service",
    severity: 'warning',
    guideSection: 'beyond (MCP specification: no token passthrough)',
    checklistItem: 'authentication',
    description:
      "The incoming request's Authorization header (or all of its headers, or the SDK's authInfo.token) is sent on to another service. The MCP specification forbids this: the upstream trusts a token that was issued for this server, audit trails show the wrong caller, and a server that is tricked into calling elsewhere hands the user's token to that host.",
    remedy:
      "Call upstream services with this server's own credentials (or a token obtained for that audience by token exchange).",
  },
  create(context) {
    const { file } = context;
    return {
      calls: outgoingRequestCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const request = asOutgoingRequest(file, call);
        if (!request?.options) return;
        const headers = propertyValue(request.options, 'headers');
        if (!headers) return;
        const object = skipOuterExpressions(headers);
        let carrier: ts.Node | undefined;
        let what: 'authorization' | 'headers' | undefined;
        if (ts.isObjectLiteralExpression(object)) {
          for (const property of object.properties) {
            const value = ts.isPropertyAssignment(property)
              ? property.initializer
              : ts.isSpreadAssignment(property)
                ? property.expression
                : ts.isShorthandPropertyAssignment(property)
                  ? property.name
                  : undefined;
            if (!value) continue;
            const name = ts.isPropertyAssignment(property) ? propertyNameText(property.name)?.toLowerCase() : undefined;
            const found = incomingCredential(file, value);
            if (found && (name === 'authorization' || ts.isSpreadAssignment(property) || found === 'authorization')) {
              carrier = property;
              what = found;
              break;
            }
          }
        } else {
          what = incomingCredential(file, object);
          carrier = what ? headers : undefined;
        }
        if (!carrier || !what) return;
        context.report({
          start: file.start(carrier),
          end: carrier.end,
          message:
            what === 'headers'
              ? "The incoming request's headers, Authorization included, are forwarded upstream (token passthrough). Send only the headers the upstream needs, with this server's own credentials."
              : "The caller's token is forwarded upstream (token passthrough, forbidden by the MCP specification). Authenticate to the upstream with this server's own credentials.",
        });
      },
    };
  },
};
