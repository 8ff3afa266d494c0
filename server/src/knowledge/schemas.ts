// What a zod schema says about the values it lets through. `z.string()` (with a length limit, a
// default, a trim) checks the type, not the content: `../../etc/passwd`, `$(id)` and
// `http://169.254.169.254/` are strings. An enum, a literal, a number, a regex, a uuid or a
// refinement does constrain the content. A schema parse cleans only what its schema constrains.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import { bindingOfIdentifier } from '../languages/typescript/modules';
import { propertyNameText, skipOuterExpressions, variableInitializer } from '../languages/typescript/values';

/** `loose`: any string gets through; `constrained`: the content is checked; undefined: we cannot tell. */
export type Looseness = 'loose' | 'constrained';

/** Methods of a string schema that leave its content unchecked. */
const looseMethods = new Set([
  'min',
  'max',
  'length',
  'nonempty',
  'optional',
  'nullable',
  'nullish',
  'default',
  'describe',
  'trim',
  'toLowerCase',
  'toUpperCase',
  'catch',
  'brand',
  'readonly',
  'url',
]);
/** Methods of an object schema that keep its fields as they are. */
const objectMethods = new Set([
  'strict',
  'passthrough',
  'strip',
  'partial',
  'required',
  'describe',
  'optional',
  'nullable',
]);
const zodModules = new Set(['zod', 'zod/v4', 'zod/v3', 'zod/mini']);

function isZod(file: TsFile, identifier: ts.Identifier): boolean {
  const binding = bindingOfIdentifier(file, identifier);
  return binding !== undefined && zodModules.has(binding.module);
}

/** Follows a schema held in a const (`const Args = z.object(…)`), a few steps. */
function schemaExpression(file: TsFile, expression: ts.Expression, depth = 0): ts.Expression | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e) && depth < 4) {
    const init = variableInitializer(file, e);
    return init ? schemaExpression(file, init, depth + 1) : undefined;
  }
  return e;
}

/** The zod constructor a chain starts from (`z.string().max(5)` → 'string') and the methods applied after it. */
function chainOf(
  file: TsFile,
  expression: ts.Expression,
): { root: string; args: readonly ts.Expression[]; methods: string[] } | undefined {
  const methods: string[] = [];
  let e = skipOuterExpressions(expression);
  for (;;) {
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
    const callee = e.expression;
    const object = skipOuterExpressions(callee.expression);
    // z.string(), z.coerce.string()
    if (ts.isIdentifier(object) && isZod(file, object)) return { root: callee.name.text, args: e.arguments, methods };
    if (
      ts.isPropertyAccessExpression(object) &&
      object.name.text === 'coerce' &&
      ts.isIdentifier(object.expression) &&
      isZod(file, object.expression)
    )
      return { root: callee.name.text, args: e.arguments, methods };
    methods.unshift(callee.name.text);
    e = skipOuterExpressions(object);
  }
}

/** Whether a schema lets any string content through. */
export function schemaLooseness(file: TsFile, expression: ts.Expression, depth = 0): Looseness | undefined {
  if (depth > 6) return undefined;
  const schema = schemaExpression(file, expression);
  const chain = schema && chainOf(file, schema);
  if (!chain) return undefined;
  const { root, args, methods } = chain;
  if (root === 'string' || root === 'any' || root === 'unknown')
    return methods.every((m) => looseMethods.has(m)) ? 'loose' : 'constrained';
  if (root === 'array' || root === 'record' || root === 'optional' || root === 'nullable') {
    const inner = args[args.length - 1];
    if (!inner || !methods.every((m) => looseMethods.has(m))) return inner ? 'constrained' : undefined;
    return schemaLooseness(file, inner, depth + 1);
  }
  if (root === 'object' || root === 'strictObject' || root === 'looseObject') {
    if (!methods.every((m) => objectMethods.has(m))) return undefined;
    const shape = args[0] && skipOuterExpressions(args[0]);
    if (!shape || !ts.isObjectLiteralExpression(shape)) return undefined;
    let any: Looseness | undefined = 'constrained';
    for (const property of shape.properties) {
      if (!ts.isPropertyAssignment(property)) return undefined;
      const field = schemaLooseness(file, property.initializer, depth + 1);
      if (field === 'loose') return 'loose';
      if (field === undefined) any = undefined;
    }
    return any;
  }
  // enum, literal, number, boolean, date, bigint, nativeEnum, union of those…
  return 'constrained';
}

/** Whether the field `name` of an object schema lets any string content through (undefined: no such field we can read). */
export function fieldLooseness(file: TsFile, expression: ts.Expression, name: string): Looseness | undefined {
  const schema = schemaExpression(file, expression);
  const chain = schema && chainOf(file, schema);
  if (!chain || !(chain.root === 'object' || chain.root === 'strictObject' || chain.root === 'looseObject'))
    return undefined;
  if (!chain.methods.every((m) => objectMethods.has(m))) return undefined;
  const shape = chain.args[0] && skipOuterExpressions(chain.args[0]);
  if (!shape || !ts.isObjectLiteralExpression(shape)) return undefined;
  for (const property of shape.properties)
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name)
      return schemaLooseness(file, property.initializer);
  return undefined;
}
