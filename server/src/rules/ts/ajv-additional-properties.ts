// An object schema without `additionalProperties: false` accepts any extra field: mass
// assignment (`isAdmin: true`), and tool arguments a model invents pass validation.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import {
  constInitializer,
  objectProperty,
  propertyNameText,
  skipOuterExpressions,
  staticString,
} from '../../languages/typescript/values';

const schemaMethods = new Set(['compile', 'validate', 'addSchema', 'compileAsync']);

/**
 * A property schema inside `properties`: an object literal, a const of the file initialized with
 * one (`context: contextParameter`, shorthand `{ context }`), or, when the schema says
 * `type: 'object'`, a name imported from another module (a shared parameter schema).
 */
function isPropertySchema(file: TsFile, value: ts.Expression, typedObject: boolean): boolean {
  const e = skipOuterExpressions(value);
  if (ts.isObjectLiteralExpression(e)) return true;
  if (ts.isIdentifier(e)) return sharedSchema(file, e) !== undefined || (typedObject && isImported(file, e));
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression))
    return typedObject && isImported(file, e.expression);
  return false;
}

/** The object literal a const of the file holds: `const contextParameter = { type: 'string' }`. */
function sharedSchema(file: TsFile, identifier: ts.Identifier): ts.ObjectLiteralExpression | undefined {
  const init = constInitializer(file, identifier);
  const value = init && skipOuterExpressions(init);
  return value && ts.isObjectLiteralExpression(value) ? value : undefined;
}

function isImported(file: TsFile, identifier: ts.Identifier): boolean {
  const declaration = file.resolve(identifier);
  return (
    declaration !== undefined &&
    (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration))
  );
}

/** The value of a `properties` entry (`name: value` or shorthand `name`), if it is one of those. */
function entryValue(p: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (ts.isPropertyAssignment(p)) return p.initializer;
  if (ts.isShorthandPropertyAssignment(p)) return p.name;
  return undefined;
}

/** A JSON-schema object literal: `properties` whose values are schemas (not zod calls). */
function isObjectSchema(file: TsFile, node: ts.ObjectLiteralExpression): boolean {
  const properties = objectProperty(node, 'properties');
  if (!properties || !ts.isPropertyAssignment(properties)) return false;
  const value = skipOuterExpressions(properties.initializer);
  if (!ts.isObjectLiteralExpression(value)) return false;
  const type = objectProperty(node, 'type');
  const typeName = type && ts.isPropertyAssignment(type) ? staticString(file, type.initializer) : undefined;
  if (type && typeName !== 'object') return false;
  return value.properties.every((p) => {
    const entry = entryValue(p);
    return entry !== undefined && isPropertySchema(file, entry, typeName === 'object');
  });
}

/**
 * A tool that declares no arguments: `properties: {}` and no `required` name. There is no
 * declared field for an extra one to ride along with, and the handler of a no-argument tool has
 * nothing to read; if it reads arguments anyway, the missing declaration is the problem.
 */
function declaresNoArguments(node: ts.ObjectLiteralExpression): boolean {
  const properties = skipOuterExpressions((objectProperty(node, 'properties') as ts.PropertyAssignment).initializer);
  if (!ts.isObjectLiteralExpression(properties) || properties.properties.length > 0) return false;
  const required = objectProperty(node, 'required');
  if (!required) return true;
  if (!ts.isPropertyAssignment(required)) return false;
  const list = skipOuterExpressions(required.initializer);
  return ts.isArrayLiteralExpression(list) && list.elements.length === 0;
}

function addFix(file: TsFile, node: ts.ObjectLiteralExpression): DraftFix {
  const properties = objectProperty(node, 'properties')!;
  const multiline = file.text.slice(file.start(node), node.end).includes('\n');
  const start = file.start(properties);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const indent = file.text.slice(lineStart, start);
  const trailing = file.text.slice(properties.end).match(/^\s*,/);
  const at = properties.end + (trailing ? trailing[0].length : 0);
  const newText =
    multiline && /^[ \t]*$/.test(indent)
      ? `${trailing ? '' : ','}${file.eol}${indent}additionalProperties: false${trailing ? ',' : ''}`
      : `${trailing ? '' : ','} additionalProperties: false${trailing ? ',' : ''}`;
  return {
    title: 'Reject unknown properties (additionalProperties: false)',
    kind: 'suggestion',
    edits: [{ start: at, end: at, newText }],
  };
}

/** How a schema is used: validated by ajv (or typed as a JSON schema), or a tool's MCP inputSchema. */
type SchemaUse = 'validator' | 'tool';

interface SchemaReference {
  identifier: ts.Identifier;
  use: SchemaUse;
}

/** Identifiers passed to ajv.compile/validate/addSchema or used as an inputSchema, by name (one walk per file). */
function schemaReferences(file: TsFile): Map<string, SchemaReference[]> {
  return file.cached('schemaReferences', collectSchemaReferences);
}

function collectSchemaReferences(file: TsFile): Map<string, SchemaReference[]> {
  const map = new Map<string, SchemaReference[]>();
  const add = (identifier: ts.Identifier, use: SchemaUse): void => {
    const list = map.get(identifier.text);
    if (list) list.push({ identifier, use });
    else map.set(identifier.text, [{ identifier, use }]);
  };
  for (const n of file.nodes) {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      schemaMethods.has(n.expression.name.text)
    ) {
      for (const a of n.arguments) if (ts.isIdentifier(a)) add(a, 'validator');
    }
    if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'inputSchema' && ts.isIdentifier(n.initializer))
      add(n.initializer, 'tool');
  }
  return map;
}

/** How a schema literal is used as a validation schema: ajv call, MCP inputSchema, or typed JSONSchemaType. */
function schemaUse(file: TsFile, node: ts.ObjectLiteralExpression): SchemaUse | undefined {
  let holder: ts.Node = node;
  let typed = false;
  while (
    ts.isAsExpression(holder.parent) ||
    ts.isSatisfiesExpression(holder.parent) ||
    ts.isParenthesizedExpression(holder.parent)
  ) {
    if (
      (ts.isAsExpression(holder.parent) || ts.isSatisfiesExpression(holder.parent)) &&
      /JSONSchema/.test(holder.parent.type.getText(file.sourceFile))
    )
      typed = true;
    holder = holder.parent;
  }
  const parent = holder.parent;
  if (ts.isPropertyAssignment(parent) && propertyNameText(parent.name) === 'inputSchema') return 'tool';
  if (
    ts.isCallExpression(parent) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    schemaMethods.has(parent.expression.name.text)
  )
    return 'validator';
  if (typed) return 'validator';
  if (ts.isVariableDeclaration(parent) && parent.initializer === holder && ts.isIdentifier(parent.name)) {
    if (parent.type && /JSONSchema/.test(parent.type.getText(file.sourceFile))) return 'validator';
    // const schema = {…}; ajv.compile(schema) / inputSchema: schema
    const uses = (schemaReferences(file).get(parent.name.text) ?? [])
      .filter((reference) => constInitializer(file, reference.identifier) === holder)
      .map((reference) => reference.use);
    if (uses.includes('validator')) return 'validator';
    if (uses.includes('tool')) return 'tool';
  }
  return undefined;
}

export const ajvAdditionalProperties: TsRule = {
  id: 'ts/ajv-additional-properties',
  language: 'typescript',
  meta: {
    title: 'Object schema accepts unknown properties',
    summary: 'object JSON schemas without `additionalProperties: false`',
    severity: 'info',
    guideSection: 'Input Validation › Validate all inputs',
    checklistItem: 'input-validation',
    description:
      'A JSON schema for an object (given to ajv, used as an MCP tool inputSchema, or typed JSONSchemaType) lists `properties` but not `additionalProperties: false`, so any extra field validates. Extra fields reach code that spreads or stores the object (mass assignment: `isAdmin: true`), and models get no error for invented arguments.',
    remedy: 'Add additionalProperties: false to every object schema.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    // A const shared by several schemas (`context: contextParameter`) is looked into once.
    const checked = new Set<ts.ObjectLiteralExpression>();
    const check = (node: ts.ObjectLiteralExpression, nested: boolean): void => {
      if (checked.has(node) || !isObjectSchema(file, node)) return;
      checked.add(node);
      if (
        !objectProperty(node, 'additionalProperties') &&
        !objectProperty(node, 'unevaluatedProperties') &&
        !node.properties.some((p) => ts.isSpreadAssignment(p))
      ) {
        const properties = objectProperty(node, 'properties')!;
        context.report({
          start: file.start(properties.name!),
          end: properties.name!.end,
          message: `This ${nested ? 'nested ' : ''}object schema accepts any extra property. Add additionalProperties: false.`,
          fixes: [addFix(file, node)],
        });
      }
      const properties = skipOuterExpressions(
        (objectProperty(node, 'properties') as ts.PropertyAssignment).initializer,
      ) as ts.ObjectLiteralExpression;
      for (const p of properties.properties) {
        const entry = entryValue(p);
        if (!entry) continue;
        const e = skipOuterExpressions(entry);
        const value = ts.isObjectLiteralExpression(e) ? e : ts.isIdentifier(e) ? sharedSchema(file, e) : undefined;
        if (!value) continue;
        check(value, true);
        const items = objectProperty(value, 'items');
        if (
          items &&
          ts.isPropertyAssignment(items) &&
          ts.isObjectLiteralExpression(skipOuterExpressions(items.initializer))
        )
          check(skipOuterExpressions(items.initializer) as ts.ObjectLiteralExpression, true);
      }
    };
    return {
      [ts.SyntaxKind.ObjectLiteralExpression]: (node) => {
        if (!objectProperty(node, 'properties')) return;
        const use = schemaUse(file, node);
        if (!use || (use === 'tool' && declaresNoArguments(node))) return;
        check(node, false);
      },
    };
  },
};
