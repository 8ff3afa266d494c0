// A tool that reads arguments without declaring an input schema: the SDK validates nothing, and
// with McpServer.tool the arguments never even reach the handler.
import ts from 'typescript';
import type { TsFile } from '../../languages/typescript/file';
import { asToolRegistration, importsMcpSdk, toolRegistrationNames } from '../../knowledge/mcp';
import { localFunction } from '../../languages/typescript/declarations';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';
import { constInitializer, propertyNameText, skipOuterExpressions } from '../../languages/typescript/values';

/** The calls below: tool registrations and setRequestHandler. */
const registrationCalls: CallFilter = { names: new Set([...toolRegistrationNames, 'setRequestHandler']) };

/** Properties of the `extra` object the SDK passes to schema-less tool handlers. */
const extraKeys = new Set([
  'signal',
  'sessionId',
  'authInfo',
  'requestId',
  'sendNotification',
  'sendRequest',
  '_meta',
  'requestInfo',
]);

/** The argument names a handler reads from its first parameter that `extra` does not have. */
function argumentReads(file: TsFile, fn: ts.FunctionLikeDeclaration): string[] {
  const parameter = fn.parameters[0];
  if (!parameter) return [];
  if (ts.isObjectBindingPattern(parameter.name)) {
    return parameter.name.elements
      .map((e) => (e.propertyName ?? e.name).getText(file.sourceFile))
      .filter((n) => !extraKeys.has(n));
  }
  if (!ts.isIdentifier(parameter.name) || !fn.body) return [];
  const name = parameter.name.text;
  const reads: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === name &&
      file.resolve(node.expression) === parameter &&
      !extraKeys.has(node.name.text)
    )
      reads.push(node.name.text);
    if (
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer &&
      ts.isIdentifier(skipOuterExpressions(node.initializer)) &&
      (skipOuterExpressions(node.initializer) as ts.Identifier).text === name
    ) {
      for (const e of node.name.elements) {
        const key = (e.propertyName ?? e.name).getText(file.sourceFile);
        if (!extraKeys.has(key)) reads.push(key);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return reads;
}

const parsePattern = /\.(?:safeParse|parse|parseAsync|validate|Check|Decode)\s*\(|\bvalidate\w*\s*\(|ajv/i;

/** `request.params.arguments`, the raw arguments of a low-level CallTool request. */
function isRawArguments(node: ts.Node): node is ts.PropertyAccessExpression {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'arguments' &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'params'
  );
}

/**
 * setRequestHandler(CallToolRequestSchema, (request) => …): the first use of
 * request.params.arguments that nothing validates (no parse in the handler, no hand validation).
 */
function readsUnvalidatedArguments(file: TsFile, fn: ts.FunctionLikeDeclaration): ts.Node | undefined {
  if (!fn.body) return undefined;
  if (parsePattern.test(file.textOf(fn.body))) return undefined;
  let first: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (first) return;
    if (isRawArguments(node)) first = node;
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  if (!first) return undefined;
  return validatesByHand(file, fn.body, isRawArguments, 0) ? undefined : first;
}

const anyField = '*';

/** How deep hand validation is followed into the functions and methods of the file. */
const MAX_VALIDATION_DEPTH = 2;

/**
 * A check on the arguments: a `typeof` in the condition of an `if` that throws or returns, or a
 * call that validates the whole object (for every field: `anyField`).
 */
interface Check {
  field: string;
  /** Where the check's `if` ends: a use of the field after it is a checked use. */
  end: number;
}

/**
 * Whether the arguments reaching `scope` (the nodes `isRoot` accepts, and the names the code
 * gives them) are validated by hand before use: every field read is `typeof`-checked in an `if`
 * that throws or returns before it is used, or the arguments go to a function or method of this
 * file that does so (followed MAX_VALIDATION_DEPTH calls deep). Reading a field in the check's own
 * condition, or copying it into the object the function returns, is not a use: that is the
 * validator's result, whose unchecked optional fields are a schema's loose fields, not a missing
 * schema. Any other use of the whole object (spread, logged, given to an unknown function) is not
 * validated.
 */
function validatesByHand(file: TsFile, scope: ts.Node, isRoot: (node: ts.Node) => boolean, depth: number): boolean {
  const aliases = new Set<ts.Node>();
  /** Destructured fields of the arguments: their declaration, by the field they hold. */
  const fieldsBound = new Map<ts.Node, string>();
  const checks: Check[] = [];
  const uses: Array<{ field: string; at: number }> = [];
  let unvalidated = false;

  const isReference = (node: ts.Node): boolean => {
    if (isRoot(node)) return true;
    if (!ts.isIdentifier(node)) return false;
    const declaration = file.resolve(node);
    return declaration !== undefined && aliases.has(declaration);
  };
  const fieldRead = (node: ts.Node): string | undefined => {
    if (ts.isPropertyAccessExpression(node) && isReference(skipOuterExpressions(node.expression)))
      return node.name.text;
    if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      isReference(skipOuterExpressions(node.expression))
    )
      return node.argumentExpression.text;
    if (ts.isIdentifier(node)) {
      const declaration = file.resolve(node);
      if (declaration) return fieldsBound.get(declaration);
    }
    return undefined;
  };
  const onReference = (node: ts.Node): void => {
    const holder = outerValue(node);
    const parent = holder.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === holder) {
      if (ts.isIdentifier(parent.name)) aliases.add(parent);
      else if (ts.isObjectBindingPattern(parent.name)) {
        for (const element of parent.name.elements) {
          const key = element.propertyName ?? element.name;
          if (element.dotDotDotToken || !ts.isIdentifier(element.name) || !ts.isIdentifier(key)) unvalidated = true;
          else fieldsBound.set(element, key.text);
        }
      } else unvalidated = true;
      return;
    }
    if (ts.isTypeOfExpression(parent) || inExitingCondition(holder)) return;
    if (ts.isCallExpression(parent) && parent.arguments.includes(holder as ts.Expression)) {
      // schema.parse(args), validateNote(args): a validator by name, as in the handler itself.
      if (parsePattern.test(`${file.textOf(parent.expression)}(`)) {
        checks.push({ field: anyField, end: parent.end });
        return;
      }
      const callee = depth < MAX_VALIDATION_DEPTH ? calledFunction(file, parent) : undefined;
      const index = parent.arguments.indexOf(holder as ts.Expression);
      const parameter = callee?.parameters[index];
      if (
        callee?.body &&
        parameter &&
        ts.isIdentifier(parameter.name) &&
        validatesByHand(file, callee.body, (n) => ts.isIdentifier(n) && file.resolve(n) === parameter, depth + 1)
      ) {
        checks.push({ field: anyField, end: parent.end });
        return;
      }
    }
    unvalidated = true;
  };
  const onField = (node: ts.Node, field: string): void => {
    const holder = outerValue(node);
    if (ts.isTypeOfExpression(holder.parent)) {
      const check = exitingIf(holder.parent);
      if (check) checks.push({ field, end: check.end });
      return;
    }
    if (inExitingCondition(holder)) return;
    if (
      ts.isPropertyAssignment(holder.parent) &&
      holder.parent.initializer === holder &&
      isReturned(holder.parent.parent)
    )
      return;
    uses.push({ field, at: file.start(node) });
  };
  const visit = (node: ts.Node): void => {
    const field = fieldRead(node);
    if (field !== undefined) {
      onField(node, field);
      return;
    }
    if (isReference(node)) {
      onReference(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  if (unvalidated || checks.length === 0) return false;
  return uses.every((use) =>
    checks.some((check) => (check.field === use.field || check.field === anyField) && check.end <= use.at),
  );
}

/** The expression a value is written in, through parentheses, casts and `?? {}` / `|| {}` defaults. */
function outerValue(node: ts.Node): ts.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isTypeAssertionExpression(parent) ||
      (ts.isBinaryExpression(parent) &&
        parent.left === current &&
        (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
          parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
        ts.isObjectLiteralExpression(skipOuterExpressions(parent.right)))
    )
      current = parent;
    else return current;
  }
}

/** The `if` whose condition holds `node` and whose then-branch throws or returns. */
function exitingIf(node: ts.Node): ts.IfStatement | undefined {
  let current = node;
  while (current.parent && !ts.isStatement(current.parent) && !ts.isFunctionLike(current.parent))
    current = current.parent;
  const statement = current.parent;
  return statement && ts.isIfStatement(statement) && statement.expression === current && exits(statement.thenStatement)
    ? statement
    : undefined;
}

function inExitingCondition(node: ts.Node): boolean {
  return exitingIf(node) !== undefined;
}

function exits(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement) || ts.isReturnStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && (ts.isThrowStatement(last) || ts.isReturnStatement(last));
  }
  return false;
}

function isReturned(node: ts.Node): boolean {
  let current = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent)
  )
    current = current.parent;
  return (
    ts.isReturnStatement(current.parent) || (ts.isArrowFunction(current.parent) && current.parent.body === current)
  );
}

/** The function or method of this file a call runs: `check(x)`, `this.check(x)`, `notes.add(x)` for `const notes = new Notes()`. */
function calledFunction(file: TsFile, call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return localFunction(file, callee);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object = skipOuterExpressions(callee.expression);
  let owner: ts.ClassLikeDeclaration | undefined;
  if (object.kind === ts.SyntaxKind.ThisKeyword) {
    let current: ts.Node | undefined = call.parent;
    while (current && !ts.isClassLike(current)) current = current.parent;
    owner = current;
  } else if (ts.isIdentifier(object)) {
    const init = constInitializer(file, object);
    const created = init && skipOuterExpressions(init);
    if (created && ts.isNewExpression(created) && ts.isIdentifier(created.expression)) {
      const declaration = file.resolve(created.expression);
      if (declaration && ts.isClassDeclaration(declaration)) owner = declaration;
    }
  }
  if (!owner) return undefined;
  const name = callee.name.text;
  for (const member of owner.members) {
    if (ts.isMethodDeclaration(member) && member.name && propertyNameText(member.name) === name) return member;
    if (
      ts.isPropertyDeclaration(member) &&
      propertyNameText(member.name) === name &&
      member.initializer &&
      (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))
    )
      return member.initializer;
  }
  return undefined;
}

export const toolWithoutInputSchema: TsRule = {
  id: 'mcp/tool-without-input-schema',
  language: 'typescript',
  meta: {
    title: 'MCP tool without an input schema',
    summary: 'tools that read arguments without declaring a schema',
    severity: 'warning',
    guideSection: 'Input Validation › Validate all inputs',
    checklistItem: 'input-validation',
    description:
      "A tool's handler reads arguments but the tool declares no input schema. With McpServer.tool/registerTool the handler's first parameter is then the request context, not the arguments, so the code reads undefined; with a low-level CallTool handler the arguments arrive unvalidated. Either way the model gets no description of what to send, and nothing checks what it does send.",
    remedy: 'Declare the input schema (a zod shape or JSON schema) and read arguments only from the validated object.',
  },
  create(context) {
    const { file } = context;
    return {
      calls: registrationCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const registration = asToolRegistration(file, call);
        if (registration) {
          if (registration.schema || !registration.handler) return;
          const reads = argumentReads(file, registration.handler);
          if (reads.length === 0) return;
          const name = call.arguments[0];
          context.report({
            start: file.start(name),
            end: name.end,
            message: `Tool ${file.textOf(name)} reads ${reads
              .slice(0, 3)
              .map((r) => `'${r}'`)
              .join(
                ', ',
              )} but declares no input schema: the handler gets the request context, not the arguments, and nothing is validated. Declare the schema.`,
          });
          return;
        }
        const callee = call.expression;
        if (
          !ts.isPropertyAccessExpression(callee) ||
          callee.name.text !== 'setRequestHandler' ||
          call.arguments.length < 2 ||
          !importsMcpSdk(file)
        )
          return;
        const schema = skipOuterExpressions(call.arguments[0]);
        if (!(ts.isIdentifier(schema) && schema.text === 'CallToolRequestSchema')) return;
        const handler = skipOuterExpressions(call.arguments[1]);
        if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return;
        const read = readsUnvalidatedArguments(file, handler);
        if (!read) return;
        context.report({
          start: file.start(read),
          end: read.end,
          message:
            "Tool arguments are used without validation: parse request.params.arguments with the tool's schema (zod parse or ajv) before use.",
        });
      },
    };
  },
};
