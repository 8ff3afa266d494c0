// Error messages, stacks and error objects sent back to the client (an HTTP response or an MCP
// tool result): they reveal file paths, queries, library versions and internal state.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import { enclosingStatement, insertLineBefore, removeListElement, replaceNode } from '../../languages/typescript/edits';
import type { TsFile } from '../../languages/typescript/file';
import {
  asResponseCall,
  responseMethods,
  isErrorIdentifier,
  isLoggingCall,
  rootIdentifier,
} from '../../knowledge/http';
import { bindingOfIdentifier } from '../../languages/typescript/modules';
import type { TsRule, TsRuleContext } from '../../languages/typescript/rule';
import { propertyNameText, skipOuterExpressions } from '../../languages/typescript/values';
import { capitalize } from '../../core/text';

const GENERIC_MESSAGE = 'An internal error occurred';

interface Leak {
  /** The leaking expression. */
  node: ts.Expression;
  error: ts.Identifier;
  detail: 'stack' | 'message' | 'object';
}

/** `err`, `err.message`, `err.stack`, `String(err)`, `err.toString()`, `${err}`, `JSON.stringify(err)`, `{ ...err }`. */
function leakOf(file: TsFile, expression: ts.Expression): Leak | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) {
    if (!isErrorIdentifier(file, e)) return undefined;
    // A helper's `error: string` parameter holds a message, not the error object.
    const declaration = file.resolve(e);
    const text = declaration && ts.isParameter(declaration) && declaration.type?.kind === ts.SyntaxKind.StringKeyword;
    return { node: e, error: e, detail: text ? 'message' : 'object' };
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(skipOuterExpressions(e.expression))) {
    const error = skipOuterExpressions(e.expression) as ts.Identifier;
    if (!isErrorIdentifier(file, error)) return undefined;
    if (e.name.text === 'stack') return { node: e, error, detail: 'stack' };
    if (e.name.text === 'message') return { node: e, error, detail: 'message' };
    return undefined;
  }
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (ts.isIdentifier(callee) && callee.text === 'String' && e.arguments.length === 1) {
      const inner = leakOf(file, e.arguments[0]);
      return inner && { ...inner, node: e, detail: inner.detail === 'stack' ? 'stack' : 'message' };
    }
    if (ts.isPropertyAccessExpression(callee)) {
      if (callee.name.text === 'toString' && e.arguments.length === 0) {
        const inner = leakOf(file, callee.expression);
        return inner && { ...inner, node: e, detail: inner.detail === 'stack' ? 'stack' : 'message' };
      }
      if (file.textOf(callee) === 'JSON.stringify' || file.textOf(callee) === 'util.inspect') {
        const inner = e.arguments[0] && leakOf(file, e.arguments[0]);
        return inner && { ...inner, node: e };
      }
    }
  }
  if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) {
      const inner = leakOf(file, span.expression);
      if (inner) return { ...inner, node: e, detail: inner.detail === 'stack' ? 'stack' : 'message' };
    }
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const inner = leakOf(file, e.left) ?? leakOf(file, e.right);
    return inner && { ...inner, node: e, detail: inner.detail === 'stack' ? 'stack' : 'message' };
  }
  // err ? err.message : output; e instanceof ToolError ? e.message : 'Internal error'
  if (ts.isConditionalExpression(e)) {
    const whenTrue = leakOf(file, e.whenTrue);
    const own = whenTrue !== undefined && whenTrue.detail === 'message' && guards(file, e.condition, whenTrue.error);
    return (own ? undefined : whenTrue) ?? leakOf(file, e.whenFalse);
  }
  return undefined;
}

/**
 * Error classes whose messages the code writes itself: a class declared in the file or imported
 * from the project (a relative or aliased path), the MCP SDK's McpError and zod's ZodError (a
 * validation report about the caller's own input).
 */
function isOwnErrorClass(file: TsFile, expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  const project = (module: string): boolean => /^(?:\.{1,2}\/|[@~#]\/)/.test(module);
  const known = (module: string, name: string): boolean =>
    (module.startsWith('@modelcontextprotocol/') && name === 'McpError') || (module === 'zod' && name === 'ZodError');
  if (ts.isIdentifier(e)) {
    const declaration = file.resolve(e);
    if (declaration && ts.isClassDeclaration(declaration)) return true;
    const binding = bindingOfIdentifier(file, e);
    if (!binding) return false;
    const name = binding.imported === 'default' || binding.imported === '*' ? e.text : binding.imported;
    return project(binding.module) || known(binding.module, name);
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const binding = bindingOfIdentifier(file, e.expression);
    return binding !== undefined && (project(binding.module) || known(binding.module, e.name.text));
  }
  return false;
}

/** Whether a condition holds only for an own error class: `e instanceof ToolError`, also in an `&&` chain. */
function guards(file: TsFile, condition: ts.Expression, error: ts.Identifier): boolean {
  const c = skipOuterExpressions(condition);
  if (!ts.isBinaryExpression(c)) return false;
  if (c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
    return guards(file, c.left, error) || guards(file, c.right, error);
  if (c.operatorToken.kind !== ts.SyntaxKind.InstanceOfKeyword) return false;
  const left = skipOuterExpressions(c.left);
  return (
    ts.isIdentifier(left) &&
    left.text === error.text &&
    file.resolve(left) === file.resolve(error) &&
    isOwnErrorClass(file, c.right)
  );
}

/** A statement that leaves the block: `throw e`, `return …`, or a block ending in one. */
function exits(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement) || ts.isReturnStatement(statement)) return true;
  return (
    ts.isBlock(statement) &&
    statement.statements.length > 0 &&
    exits(statement.statements[statement.statements.length - 1])
  );
}

/**
 * Whether the code around a leak has narrowed the error to an own error class:
 * `if (e instanceof ToolError) return … e.message …`, `e instanceof ToolError && …`, or an
 * earlier `if (!(e instanceof ToolError)) throw e;` in the same block.
 */
function narrowedToOwnError(file: TsFile, leak: Leak): boolean {
  let child: ts.Node = leak.node;
  for (let node: ts.Node | undefined = leak.node.parent; node; child = node, node = node.parent) {
    if (ts.isIfStatement(node) && node.thenStatement === child && guards(file, node.expression, leak.error))
      return true;
    if (ts.isConditionalExpression(node) && node.whenTrue === child && guards(file, node.condition, leak.error))
      return true;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      node.right === child &&
      guards(file, node.left, leak.error)
    )
      return true;
    if (ts.isBlock(node)) {
      for (const statement of node.statements) {
        if (statement === child) break;
        if (!ts.isIfStatement(statement) || statement.elseStatement || !exits(statement.thenStatement)) continue;
        const condition = skipOuterExpressions(statement.expression);
        if (
          ts.isPrefixUnaryExpression(condition) &&
          condition.operator === ts.SyntaxKind.ExclamationToken &&
          guards(file, condition.operand, leak.error)
        )
          return true;
      }
    }
    if (ts.isFunctionLike(node) || ts.isCatchClause(node)) return false;
  }
  return false;
}

/** Leaks inside a response payload: the payload itself, or values of an object literal (nested). */
function leaksIn(file: TsFile, payload: ts.Expression, out: Leak[]): void {
  const e = skipOuterExpressions(payload);
  const direct = leakOf(file, e);
  if (direct) {
    out.push(direct);
    return;
  }
  if (ts.isObjectLiteralExpression(e)) {
    for (const property of e.properties) {
      if (ts.isPropertyAssignment(property)) leaksIn(file, property.initializer, out);
      else if (ts.isShorthandPropertyAssignment(property) && isErrorIdentifier(file, property.name)) {
        out.push({ node: property.name, error: property.name, detail: 'object' });
      } else if (ts.isSpreadAssignment(property)) {
        const inner = leakOf(file, property.expression);
        if (inner) out.push({ ...inner, node: property.expression });
      }
    }
  } else if (ts.isArrayLiteralExpression(e)) {
    for (const element of e.elements) leaksIn(file, element, out);
  }
}

function describe(leak: Leak): string {
  const name = leak.error.text;
  if (leak.detail === 'stack') return `the stack trace of '${name}'`;
  if (leak.detail === 'message') return `the message of '${name}'`;
  return `the error object '${name}'`;
}

/** Whether the code around the leak already logs the error server-side. */
function alreadyLogged(file: TsFile, error: ts.Identifier, statement: ts.Node): boolean {
  const block = statement.parent;
  let logged = false;
  const visit = (node: ts.Node): void => {
    if (logged) return;
    if (ts.isCallExpression(node) && isLoggingCall(file, node)) {
      if (node.arguments.some((argument) => rootIdentifier(argument)?.text === error.text)) logged = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(block);
  return logged;
}

function fixFor(
  context: TsRuleContext,
  leak: Leak,
  payload: ts.Expression,
  isJsonPayload: boolean,
): DraftFix | undefined {
  const { file } = context;
  const edits: OffsetEdit[] = [];
  const node = leak.node;
  const parent = node.parent;
  const generic = file.quoted(GENERIC_MESSAGE);
  if (node === skipOuterExpressions(payload)) {
    edits.push(replaceNode(file, payload, isJsonPayload ? `{ error: ${generic} }` : generic));
  } else if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const key = propertyNameText(parent.name);
    if (leak.detail === 'stack' || key === 'stack' || key === 'details' || key === 'trace') {
      edits.push(removeListElement(file, (parent.parent as ts.ObjectLiteralExpression).properties, parent));
    } else {
      edits.push(replaceNode(file, node, generic));
    }
  } else if (ts.isShorthandPropertyAssignment(parent)) {
    edits.push(replaceNode(file, parent, `${parent.name.text}: ${generic}`));
  } else if (ts.isSpreadAssignment(parent)) {
    edits.push(removeListElement(file, (parent.parent as ts.ObjectLiteralExpression).properties, parent));
  } else {
    return undefined;
  }
  // Keep the details where they belong: in the server's log.
  const statement = enclosingStatement(payload);
  const declaration = file.resolve(leak.error);
  const inScope = statement !== undefined && declaration !== undefined && isWithin(statement, declaration.parent);
  if (statement && inScope && !alreadyLogged(file, leak.error, statement)) {
    edits.push(
      insertLineBefore(file, statement, `console.error(${file.quoted('Internal error:')}, ${leak.error.text});`),
    );
  }
  return { title: `Send '${GENERIC_MESSAGE}' and log the error on the server`, kind: 'fix', edits };
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

function reportLeaks(
  context: TsRuleContext,
  payload: ts.Expression,
  isJsonPayload: boolean,
  status: number | undefined,
  where: string,
): void {
  const leaks: Leak[] = [];
  leaksIn(context.file, payload, leaks);
  for (const leak of leaks) {
    // A 4xx response usually carries a validation message meant for the client; stacks never are.
    if (status !== undefined && status >= 400 && status < 500 && leak.detail !== 'stack') continue;
    // The message of an error class the code throws itself is the code's own words.
    if (leak.detail === 'message' && narrowedToOwnError(context.file, leak)) continue;
    context.report({
      start: context.file.start(leak.node),
      end: leak.node.end,
      message: `${capitalize(describe(leak))} is sent to ${where}. Log it on the server and send a generic message instead.`,
      severity: leak.detail === 'stack' ? 'error' : 'warning',
      // Made only when a code action or fix-all asks (the fix rewrites the whole payload).
      fixes: () => {
        const fix = fixFor(context, leak, payload, isJsonPayload);
        return fix ? [fix] : [];
      },
    });
  }
}

/** `{ content: [{ type: 'text', text: err.message }] }` — an MCP tool result. */
function mcpResultText(node: ts.PropertyAssignment): boolean {
  if (propertyNameText(node.name) !== 'text') return false;
  const item = node.parent;
  const array = item.parent;
  if (!ts.isArrayLiteralExpression(array)) return false;
  const content = array.parent;
  return (
    ts.isPropertyAssignment(content) &&
    propertyNameText(content.name) === 'content' &&
    ts.isObjectLiteralExpression(content.parent)
  );
}

export const errorDetailsLeaked: TsRule = {
  id: 'ts/error-details-leaked',
  language: 'typescript',
  meta: {
    title: 'Error details sent to the client',
    summary: 'error messages, stacks or error objects sent in HTTP responses or MCP tool results',
    severity: 'warning',
    guideSection: 'Data Protection › Implement proper error handling',
    checklistItem: 'error-handling',
    description:
      "An error's message, stack trace or the error object itself is sent in an HTTP response or an MCP tool result. Internal errors reveal file paths, SQL, library versions and configuration, which help an attacker (or a prompt-injected model) plan the next step.",
    remedy: "Respond with a generic message such as 'An internal error occurred' and log the error on the server.",
    fixable: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: { names: responseMethods },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const response = asResponseCall(file, call);
        if (!response || call.arguments.length === 0) return;
        const method = (call.expression as ts.PropertyAccessExpression).name.text;
        reportLeaks(context, call.arguments[0], method === 'json' || method === 'jsonp', response.status, 'the client');
      },
      [ts.SyntaxKind.PropertyAssignment]: (node) => {
        if (mcpResultText(node)) reportLeaks(context, node.initializer, false, undefined, 'the MCP client');
      },
      [ts.SyntaxKind.BinaryExpression]: (node) => {
        // Koa: ctx.body = { error: err.message }
        if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || file.textOf(node.left) !== 'ctx.body') return;
        reportLeaks(context, node.right, true, undefined, 'the client');
      },
    };
  },
};
