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

/** A JSON-schema object literal: `properties` whose values are object literals (not zod calls). */
function isObjectSchema(file: TsFile, node: ts.ObjectLiteralExpression): boolean {
  const properties = objectProperty(node, 'properties');
  if (!properties || !ts.isPropertyAssignment(properties)) return false;
  const value = skipOuterExpressions(properties.initializer);
  if (!ts.isObjectLiteralExpression(value)) return false;
  const type = objectProperty(node, 'type');
  if (type && ts.isPropertyAssignment(type) && staticString(file, type.initializer) !== 'object') return false;
  return value.properties.every(
    (p) => ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(skipOuterExpressions(p.initializer)),
  );
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

/** Identifiers passed to ajv.compile/validate/addSchema or used as an inputSchema, by name (one walk per file). */
function schemaReferences(file: TsFile): Map<string, ts.Identifier[]> {
  return file.cached('schemaReferences', collectSchemaReferences);
}

function collectSchemaReferences(file: TsFile): Map<string, ts.Identifier[]> {
  const map = new Map<string, ts.Identifier[]>();
  const add = (identifier: ts.Identifier): void => {
    const list = map.get(identifier.text);
    if (list) list.push(identifier);
    else map.set(identifier.text, [identifier]);
  };
  for (const n of file.nodes) {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      schemaMethods.has(n.expression.name.text)
    ) {
      for (const a of n.arguments) if (ts.isIdentifier(a)) add(a);
    }
    if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'inputSchema' && ts.isIdentifier(n.initializer))
      add(n.initializer);
  }
  return map;
}

/** Whether a schema literal is used as a validation schema: ajv call, MCP inputSchema, or typed JSONSchemaType. */
function isSchemaUse(file: TsFile, node: ts.ObjectLiteralExpression): boolean {
  let holder: ts.Node = node;
  while (
    ts.isAsExpression(holder.parent) ||
    ts.isSatisfiesExpression(holder.parent) ||
    ts.isParenthesizedExpression(holder.parent)
  ) {
    if (
      (ts.isAsExpression(holder.parent) || ts.isSatisfiesExpression(holder.parent)) &&
      /JSONSchema/.test(holder.parent.type.getText(file.sourceFile))
    )
      return true;
    holder = holder.parent;
  }
  const parent = holder.parent;
  if (ts.isPropertyAssignment(parent) && propertyNameText(parent.name) === 'inputSchema') return true;
  if (
    ts.isCallExpression(parent) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    schemaMethods.has(parent.expression.name.text)
  )
    return true;
  if (ts.isVariableDeclaration(parent) && parent.initializer === holder && ts.isIdentifier(parent.name)) {
    if (parent.type && /JSONSchema/.test(parent.type.getText(file.sourceFile))) return true;
    // const schema = {…}; ajv.compile(schema) / inputSchema: schema
    return (schemaReferences(file).get(parent.name.text) ?? []).some(
      (reference) => constInitializer(file, reference) === holder,
    );
  }
  return false;
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
    const check = (node: ts.ObjectLiteralExpression, nested: boolean): void => {
      if (!isObjectSchema(file, node)) return;
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
        if (!ts.isPropertyAssignment(p)) continue;
        const value = skipOuterExpressions(p.initializer);
        if (ts.isObjectLiteralExpression(value)) {
          check(value, true);
          const items = objectProperty(value, 'items');
          if (
            items &&
            ts.isPropertyAssignment(items) &&
            ts.isObjectLiteralExpression(skipOuterExpressions(items.initializer))
          )
            check(skipOuterExpressions(items.initializer) as ts.ObjectLiteralExpression, true);
        }
      }
    };
    return {
      [ts.SyntaxKind.ObjectLiteralExpression]: (node) => {
        if (!objectProperty(node, 'properties') || !isSchemaUse(file, node)) return;
        check(node, false);
      },
    };
  },
};
