// Tool inputs with no size limit: a model (or a prompt injection steering it) can send megabytes
// into a query, a regex or a shell argument.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { asToolRegistration, toolRegistrationCalls } from '../../knowledge/mcp';
import type { TsRule } from '../../languages/typescript/rule';
import {
  objectProperty,
  propertyNameText,
  propertyValue,
  skipOuterExpressions,
  staticString,
} from '../../languages/typescript/values';

const boundedStringMethods = new Set([
  'max',
  'length',
  'uuid',
  'cuid',
  'cuid2',
  'ulid',
  'datetime',
  'date',
  'time',
  'ip',
  'ipv4',
  'ipv6',
  'cidr',
  'nanoid',
  'emoji',
  'duration',
  'base64url',
  'jwt',
]);
const boundedArrayMethods = new Set(['max', 'length']);
const boundedFormats = new Set(['uuid', 'date-time', 'date', 'time', 'ipv4', 'ipv6', 'duration']);

/** A zod chain: its base call (`z.string()`) and the method names applied after it. */
function zodChain(expression: ts.Expression): { base: ts.CallExpression; kind: string; methods: string[] } | undefined {
  const methods: string[] = [];
  let e = skipOuterExpressions(expression);
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const object = skipOuterExpressions(e.expression.expression);
    if (ts.isIdentifier(object) && (object.text === 'z' || object.text === 'zod'))
      return { base: e, kind: e.expression.name.text, methods };
    methods.push(e.expression.name.text);
    e = object;
  }
  return undefined;
}

interface Unbounded {
  node: ts.Node;
  name: string;
  kind: 'string' | 'array';
  fix?: DraftFix;
}

function checkZodShape(file: TsFile, shape: ts.ObjectLiteralExpression, out: Unbounded[]): void {
  for (const property of shape.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = propertyNameText(property.name) ?? '?';
    const chain = zodChain(property.initializer);
    if (!chain) continue;
    if (chain.kind === 'string' && !chain.methods.some((m) => boundedStringMethods.has(m))) {
      out.push({
        node: property.name,
        name,
        kind: 'string',
        fix: {
          title: 'Limit the length (.max(1000))',
          kind: 'suggestion',
          edits: [{ start: chain.base.end, end: chain.base.end, newText: '.max(1000)' }],
        },
      });
    } else if (chain.kind === 'array' && !chain.methods.some((m) => boundedArrayMethods.has(m))) {
      out.push({
        node: property.name,
        name,
        kind: 'array',
        fix: {
          title: 'Limit the number of items (.max(100))',
          kind: 'suggestion',
          edits: [{ start: chain.base.end, end: chain.base.end, newText: '.max(100)' }],
        },
      });
    } else if (
      chain.kind === 'object' &&
      chain.base.arguments[0] &&
      ts.isObjectLiteralExpression(skipOuterExpressions(chain.base.arguments[0]))
    ) {
      checkZodShape(file, skipOuterExpressions(chain.base.arguments[0]) as ts.ObjectLiteralExpression, out);
    }
    if (chain.kind === 'array' && chain.base.arguments[0]) {
      const inner = zodChain(chain.base.arguments[0]);
      if (
        inner?.kind === 'object' &&
        inner.base.arguments[0] &&
        ts.isObjectLiteralExpression(skipOuterExpressions(inner.base.arguments[0]))
      )
        checkZodShape(file, skipOuterExpressions(inner.base.arguments[0]) as ts.ObjectLiteralExpression, out);
    }
  }
}

function insertProperty(after: ts.ObjectLiteralElementLike, text: string): DraftFix['edits'][number] {
  return { start: after.end, end: after.end, newText: `, ${text}` };
}

function checkJsonSchema(file: TsFile, schema: ts.ObjectLiteralExpression, out: Unbounded[]): void {
  const properties = propertyValue(schema, 'properties');
  if (!properties || !ts.isObjectLiteralExpression(skipOuterExpressions(properties))) return;
  for (const property of (skipOuterExpressions(properties) as ts.ObjectLiteralExpression).properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const value = skipOuterExpressions(property.initializer);
    if (!ts.isObjectLiteralExpression(value)) continue;
    const name = propertyNameText(property.name) ?? '?';
    const typeProperty = objectProperty(value, 'type');
    const type =
      typeProperty && ts.isPropertyAssignment(typeProperty) ? staticString(file, typeProperty.initializer) : undefined;
    if (!typeProperty) continue;
    const has = (key: string): boolean => objectProperty(value, key) !== undefined;
    if (
      type === 'string' &&
      !has('maxLength') &&
      !has('enum') &&
      !has('const') &&
      !boundedFormats.has(staticString(file, propertyValue(value, 'format') ?? ts.factory.createNull()) ?? '')
    ) {
      out.push({
        node: property.name,
        name,
        kind: 'string',
        fix: {
          title: 'Limit the length (maxLength: 1000)',
          kind: 'suggestion',
          edits: [insertProperty(typeProperty, 'maxLength: 1000')],
        },
      });
    } else if (type === 'array' && !has('maxItems')) {
      out.push({
        node: property.name,
        name,
        kind: 'array',
        fix: {
          title: 'Limit the number of items (maxItems: 100)',
          kind: 'suggestion',
          edits: [insertProperty(typeProperty, 'maxItems: 100')],
        },
      });
    } else if (type === 'object') checkJsonSchema(file, value, out);
  }
}

export const unboundedToolInput: TsRule = {
  id: 'mcp/unbounded-tool-input',
  language: 'typescript',
  meta: {
    title: 'Tool input without a size limit',
    summary: 'tool string and array inputs with no size limit',
    severity: 'info',
    guideSection: 'Input Validation › Validate all inputs',
    checklistItem: 'input-validation',
    description:
      "A string or array in a tool's input schema has no maximum (zod .max()/.length(), JSON schema maxLength/maxItems, or a bounded format such as uuid). A model, or a prompt injection steering it, can then send megabytes into a database query, a regular expression or a downstream API: memory, time and money the server spends on one call.",
    remedy: 'Give every string a .max(N) (maxLength) and every array a .max(N) (maxItems) that fits its purpose.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: toolRegistrationCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const registration = asToolRegistration(file, call);
        if (!registration?.schema) return;
        let schema = skipOuterExpressions(registration.schema);
        const chain = zodChain(schema);
        if (chain?.kind === 'object' && chain.base.arguments[0]) schema = skipOuterExpressions(chain.base.arguments[0]);
        if (!ts.isObjectLiteralExpression(schema)) return;
        const found: Unbounded[] = [];
        if (objectProperty(schema, 'properties') && objectProperty(schema, 'type'))
          checkJsonSchema(file, schema, found);
        else checkZodShape(file, schema, found);
        for (const u of found) {
          context.report({
            start: file.start(u.node),
            end: u.node.end,
            message: `Tool input '${u.name}' is ${u.kind === 'string' ? 'a string with no maximum length' : 'an array with no maximum size'}: one call can send megabytes. Add a limit.`,
            fixes: u.fix ? [u.fix] : [],
          });
        }
      },
      [ts.SyntaxKind.PropertyAssignment]: (property) => {
        // Low-level servers: tools: [{ name, inputSchema: { type: 'object', properties: {…} } }]
        if (propertyNameText(property.name) !== 'inputSchema') return;
        const value = skipOuterExpressions(property.initializer);
        if (!ts.isObjectLiteralExpression(value) || !objectProperty(value, 'type')) return;
        const owner = property.parent;
        if (ts.isCallExpression(owner.parent) && asToolRegistration(file, owner.parent)) return; // reported above
        const found: Unbounded[] = [];
        checkJsonSchema(file, value, found);
        for (const u of found) {
          context.report({
            start: file.start(u.node),
            end: u.node.end,
            message: `Tool input '${u.name}' is ${u.kind === 'string' ? 'a string with no maxLength' : 'an array with no maxItems'}: one call can send megabytes. Add a limit.`,
            fixes: u.fix ? [u.fix] : [],
          });
        }
      },
    };
  },
};
