// What a declaration of the file makes: the function a name declares, what a function returns,
// what a class keeps in its fields. Asked by the taint walk, the flow summaries and several rules.
import ts from 'typescript';
import type { TsFile } from './file';
import { skipOuterExpressions } from './values';

export type LocalFunction = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

/** The function a name declares in this file: a function declaration, or a variable bound to one. */
export function localFunction(file: TsFile, identifier: ts.Identifier): LocalFunction | undefined {
  const declaration = file.resolve(identifier);
  if (!declaration) return undefined;
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const init = skipOuterExpressions(declaration.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** A function's returned expressions: its expression body, or each `return` not in a nested function. */
export function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return out;
}

/** What a class puts in one of its fields. */
export interface FieldWrites {
  /** Constructor parameter properties (`constructor(private store: FileStore)`). */
  parameters: ts.ParameterDeclaration[];
  /** The initializer, and every `this.field = …` in the class. */
  values: ts.Expression[];
  /** Declared types (`store: FileStore`, the parameter property's type). */
  types: ts.TypeNode[];
}

/** Every field of a class and what is written to it, found in one pass over the class and kept for the parse. */
export function classFields(file: TsFile, cls: ts.ClassLikeDeclaration): ReadonlyMap<string, FieldWrites> {
  const byClass = file.cached('classFields', () => new Map<ts.ClassLikeDeclaration, Map<string, FieldWrites>>());
  const known = byClass.get(cls);
  if (known) return known;
  const fields = new Map<string, FieldWrites>();
  const entry = (name: string): FieldWrites => {
    let found = fields.get(name);
    if (!found) fields.set(name, (found = { parameters: [], values: [], types: [] }));
    return found;
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.expression.kind === ts.SyntaxKind.ThisKeyword
    )
      entry(node.left.name.text).values.push(node.right);
    // A nested class has its own `this`.
    if (!ts.isClassLike(node)) ts.forEachChild(node, visit);
  };
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) {
      const field = entry(member.name.text);
      if (member.initializer) field.values.push(member.initializer);
      if (member.type) field.types.push(member.type);
    }
    if (ts.isConstructorDeclaration(member))
      for (const parameter of member.parameters)
        if (ts.isIdentifier(parameter.name) && ts.getModifiers(parameter)?.length) {
          const field = entry(parameter.name.text);
          field.parameters.push(parameter);
          if (parameter.type) field.types.push(parameter.type);
        }
    ts.forEachChild(member, visit);
  }
  byClass.set(cls, fields);
  return fields;
}
