// What an expression is known to be without running it: literal strings, constants declared
// in the file, and values that cannot carry injected text (numbers).
import ts from 'typescript';
import type { TsFile } from './file';

const MAX_DEPTH = 6;

export function skipOuterExpressions(expression: ts.Expression): ts.Expression {
  let e = expression;
  // One switch on the kind: this runs for nearly every node some rule looks at.
  for (;;) {
    switch (e.kind) {
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.SatisfiesExpression:
        e = (
          e as
            | ts.ParenthesizedExpression
            | ts.AsExpression
            | ts.NonNullExpression
            | ts.TypeAssertion
            | ts.SatisfiesExpression
        ).expression;
        continue;
      default:
        return e;
    }
  }
}

/** The text of a string literal or a template literal without substitutions. */
export function literalText(node: ts.Node): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

/** The initializer of a `const` declared with a plain name, if `identifier` resolves to one. */
export function constInitializer(file: TsFile, identifier: ts.Identifier): ts.Expression | undefined {
  const declaration = file.resolve(identifier);
  if (
    declaration &&
    ts.isVariableDeclaration(declaration) &&
    ts.isIdentifier(declaration.name) &&
    declaration.initializer &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0
  ) {
    return declaration.initializer;
  }
  return undefined;
}

/** The initializer of a `const` or `let` (not reassigned checks are the caller's concern). */
export function variableInitializer(file: TsFile, identifier: ts.Identifier): ts.Expression | undefined {
  const declaration = file.resolve(identifier);
  if (
    declaration &&
    ts.isVariableDeclaration(declaration) &&
    ts.isIdentifier(declaration.name) &&
    declaration.initializer
  ) {
    return declaration.initializer;
  }
  return undefined;
}

/** The string value of an expression made only of literals and constants, or undefined. */
export function staticString(file: TsFile, expression: ts.Expression, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = skipOuterExpressions(expression);
  const text = literalText(e);
  if (text !== undefined) return text;
  if (ts.isNumericLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) {
      const value = staticString(file, span.expression, depth + 1);
      if (value === undefined) return undefined;
      out += value + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = staticString(file, e.left, depth + 1);
    if (left === undefined) return undefined;
    const right = staticString(file, e.right, depth + 1);
    return right === undefined ? undefined : left + right;
  }
  if (ts.isIdentifier(e)) {
    const init = constInitializer(file, e);
    return init ? staticString(file, init, depth + 1) : undefined;
  }
  return undefined;
}

/** Whether an expression's value is fixed by the source (literals and constants only). */
export function isConstant(file: TsFile, expression: ts.Expression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = skipOuterExpressions(expression);
  switch (e.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
  }
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((span) => isConstant(file, span.expression, depth + 1));
  if (ts.isBinaryExpression(e)) return isConstant(file, e.left, depth + 1) && isConstant(file, e.right, depth + 1);
  if (ts.isPrefixUnaryExpression(e)) return isConstant(file, e.operand, depth + 1);
  if (ts.isConditionalExpression(e))
    return isConstant(file, e.whenTrue, depth + 1) && isConstant(file, e.whenFalse, depth + 1);
  if (ts.isIdentifier(e)) {
    if (e.text === 'undefined') return true;
    const init = constInitializer(file, e);
    return init !== undefined && isConstant(file, init, depth + 1);
  }
  // A property of a constant object literal: TABLES.users
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const init = constInitializer(file, e.expression);
    if (init && ts.isObjectLiteralExpression(skipOuterExpressions(init))) {
      const property = (skipOuterExpressions(init) as ts.ObjectLiteralExpression).properties.find(
        (p) => ts.isPropertyAssignment(p) && p.name.getText(file.sourceFile) === e.name.text,
      );
      return (
        property !== undefined && ts.isPropertyAssignment(property) && isConstant(file, property.initializer, depth + 1)
      );
    }
  }
  return false;
}

/** The name a call is made by: `run` for `run(…)` and `tools.run(…)`; '' for anything else. */
export function calleeName(callee: ts.Expression): string {
  const e = skipOuterExpressions(callee);
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
}

/** Expressions whose value is a number whatever the input: they cannot carry injected text. */
export function isNumericCoercion(expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  if (
    ts.isPrefixUnaryExpression(e) &&
    (e.operator === ts.SyntaxKind.PlusToken || e.operator === ts.SyntaxKind.MinusToken)
  )
    return true;
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    const name = calleeName(callee);
    const object =
      ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : '';
    if (['Number', 'parseInt', 'parseFloat'].includes(name) && (object === '' || object === 'Number')) return true;
    if (object === 'Math') return true;
  }
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'length') return true;
  return false;
}

// Switches, not Sets of SyntaxKind built at load: a module-level use of `ts` would load the
// compiler in every bundle that imports this file, the CLI's main thread included (~90 ms).
function isNumberType(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.NumberKeyword ||
    kind === ts.SyntaxKind.BigIntKeyword ||
    kind === ts.SyntaxKind.BooleanKeyword
  );
}

function isArithmetic(kind: ts.SyntaxKind): boolean {
  switch (kind) {
    case ts.SyntaxKind.MinusToken:
    case ts.SyntaxKind.AsteriskToken:
    case ts.SyntaxKind.SlashToken:
    case ts.SyntaxKind.PercentToken:
    case ts.SyntaxKind.AsteriskAsteriskToken:
      return true;
    default:
      return false;
  }
}

/**
 * A value that is a number (or a boolean) as the file writes it: a numeric coercion, arithmetic,
 * a process id, or a name declared `: number` (a parameter, a variable, a destructured field of
 * a parameter typed `{ pid: number }`), or a const initialized with one of those.
 */
export function isNumberValued(file: TsFile, expression: ts.Expression, depth = 0): boolean {
  const e = skipOuterExpressions(expression);
  if (ts.isNumericLiteral(e) || isNumericCoercion(e)) return true;
  if (ts.isBinaryExpression(e) && isArithmetic(e.operatorToken.kind)) return true;
  if (ts.isPropertyAccessExpression(e) && (e.name.text === 'pid' || e.name.text === 'exitCode')) return true;
  if (!ts.isIdentifier(e) || depth > 3) return false;
  const declaration = file.resolve(e);
  if (!declaration) return false;
  if ((ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) && declaration.type)
    return isNumberType(declaration.type.kind);
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name)) {
    const list = declaration.parent;
    return (
      ts.isVariableDeclarationList(list) &&
      (list.flags & ts.NodeFlags.Const) !== 0 &&
      isNumberValued(file, declaration.initializer, depth + 1)
    );
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
    // ({ pid }: { pid: number }) => …
    const holder = declaration.parent.parent;
    const field = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(field) || !(ts.isParameter(holder) || ts.isVariableDeclaration(holder))) return false;
    const type = holder.type;
    if (!type || !ts.isTypeLiteralNode(type)) return false;
    const member = type.members.find(
      (m): m is ts.PropertySignature =>
        ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.name.text === field.text,
    );
    return member?.type !== undefined && isNumberType(member.type.kind);
  }
  return false;
}

/** The name a value is bound to: a variable, a property, or an assignment target. */
export function bindingNameOf(node: ts.Node): string | undefined {
  let current: ts.Node = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent)
  )
    current = current.parent;
  const parent = current.parent;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isBindingElement(parent)) &&
    parent.initializer === current
  ) {
    return ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === current) return propertyNameText(parent.name);
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === current &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    const left = parent.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
    if (ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression))
      return left.argumentExpression.text;
  }
  if (ts.isJsxAttribute(parent)) return ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  return undefined;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name))
    return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** A property of an object literal by name, following nothing. */
export function objectProperty(
  expression: ts.Expression | undefined,
  name: string,
): ts.ObjectLiteralElementLike | undefined {
  if (!expression) return undefined;
  const e = skipOuterExpressions(expression);
  if (!ts.isObjectLiteralExpression(e)) return undefined;
  return e.properties.find(
    (p) => p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name,
  );
}

/** The value expression of an object literal property (`name: value` or shorthand `name`). */
export function propertyValue(expression: ts.Expression | undefined, name: string): ts.Expression | undefined {
  const property = objectProperty(expression, name);
  if (!property) return undefined;
  if (ts.isPropertyAssignment(property)) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}
