// Deserializers that rebuild functions from their input: node-serialize's unserialize (an
// `_$$ND_FUNC$$_…()` value runs as it is read), funcster, cryo, serialize-to-js's deserialize,
// and js-yaml loading with the JavaScript types (`!!js/function`). The text decides what code
// the server runs.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { bindingOfIdentifier, moduleMemberOf } from '../../languages/typescript/modules';
import type { TsRule } from '../../languages/typescript/rule';
import { describeTaint, flowOf, isDeferred, localFlow, sinkTaint } from '../../knowledge/taint';
import { constInitializer, isConstant, objectProperty, skipOuterExpressions } from '../../languages/typescript/values';

const modules = ['node-serialize', 'serialize-to-js', 'funcster', 'cryo', 'js-yaml'];
const members: ReadonlySet<string> = new Set([
  'unserialize',
  'deserialize',
  'deepDeserialize',
  'parse',
  'load',
  'loadAll',
]);

/** What each deserializer does with its input, by module and member. */
const deserializers: Record<string, Record<string, string>> = {
  'node-serialize': {
    unserialize:
      "node-serialize's unserialize turns every `_$$ND_FUNC$$_` string into a function with eval, and one written as an immediately invoked function runs while it is read",
  },
  'serialize-to-js': { deserialize: "serialize-to-js's deserialize evaluates its input as JavaScript" },
  funcster: {
    deepDeserialize: 'funcster.deepDeserialize compiles every `__js_function` string it finds and runs the result',
  },
  cryo: { parse: 'Cryo.parse rebuilds functions and prototypes from the text, and they run when the object is used' },
};

const MAX_DEPTH = 4;

type UnsafeTypes = 'DEFAULT_FULL_SCHEMA' | 'js-yaml-js-types';

/** Whether a js-yaml schema expression holds the JavaScript types: DEFAULT_FULL_SCHEMA (v3) or js-yaml-js-types (v4). */
function unsafeSchema(file: TsFile, expression: ts.Expression, depth = 0): UnsafeTypes | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let found: UnsafeTypes | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'DEFAULT_FULL_SCHEMA') {
      if (moduleMemberOf(file, node)?.module === 'js-yaml') found = 'DEFAULT_FULL_SCHEMA';
      return;
    }
    if (ts.isIdentifier(node)) {
      if (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) return;
      const binding = bindingOfIdentifier(file, node);
      if (binding?.module === 'js-yaml-js-types') found = 'js-yaml-js-types';
      else if (binding?.module === 'js-yaml' && binding.imported === 'DEFAULT_FULL_SCHEMA')
        found = 'DEFAULT_FULL_SCHEMA';
      else if (!binding) {
        // const schema = yaml.DEFAULT_SCHEMA.extend(jsTypes.all)
        const init = constInitializer(file, node);
        if (init) found = unsafeSchema(file, init, depth + 1);
      }
      return;
    }
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      node.arguments[0].text === 'js-yaml-js-types'
    ) {
      found = 'js-yaml-js-types';
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(skipOuterExpressions(expression));
  return found;
}

/** The options argument of js-yaml's load(text, options) or loadAll(text, iterator, options). */
function yamlOptions(call: ts.CallExpression, member: string): ts.Expression | undefined {
  if (member === 'load') return call.arguments[1];
  const [, second, third] = call.arguments;
  if (third) return third;
  const e = second && skipOuterExpressions(second);
  return e && !ts.isArrowFunction(e) && !ts.isFunctionExpression(e) ? second : undefined;
}

export const unsafeDeserialization: TsRule = {
  id: 'ts/unsafe-deserialization',
  language: 'typescript',
  meta: {
    title: 'Deserializer that runs code',
    summary: 'node-serialize, funcster, cryo, serialize-to-js and js-yaml with JavaScript types on non-constant input',
    severity: 'error',
    guideSection: 'Input Validation › Sanitize inputs (beyond)',
    checklistItem: 'input-validation',
    description:
      "Some deserializers rebuild functions from their input: node-serialize's unserialize evals `_$$ND_FUNC$$_` values (and runs the immediately invoked ones while parsing), funcster and serialize-to-js evaluate the text, cryo restores functions and prototypes, and js-yaml with DEFAULT_FULL_SCHEMA or js-yaml-js-types builds `!!js/function` values. Whoever writes the text (a request body, a cookie, a tool argument, an upload) chooses the code the server runs.",
    remedy:
      'Exchange data, not code: JSON.parse for JSON, js-yaml `load` with its default schema for YAML, then validate the shape.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    const report = (data: ts.Expression, at: ts.Node, does: string, advice: string, fixes: DraftFix[]): void => {
      if (isConstant(file, data)) return;
      const taint = sinkTaint(file, data, 'plain', undefined);
      const source = taint?.source ? describeTaint(taint) : undefined;
      context.report({
        start: file.start(at),
        end: at.end,
        severity: source ? 'error' : 'warning',
        message: source
          ? `${does}: ${source} decides what code the server runs. ${advice}`
          : `${does}: whoever writes this text, whose origin this file does not show, decides what code the server runs. ${advice}`,
        fixes,
        ...localFlow(taint),
      });
      if (taint && isDeferred(taint))
        context.report({
          start: file.start(at),
          end: at.end,
          severity: 'error',
          message: `${does}: ${describeTaint(taint)} decides what code the server runs. ${advice}`,
          fixes,
          ...flowOf(taint),
        });
    };
    return {
      calls: { module: { key: 'unsafe-deserialization', modules, members } },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        const member = moduleMemberOf(file, callee);
        if (!member || call.arguments.length === 0) return;
        const data = call.arguments[0];
        if (member.module === 'js-yaml') {
          if (member.member !== 'load' && member.member !== 'loadAll') return;
          const options = yamlOptions(call, member.member);
          if (!options) return;
          const property = objectProperty(options, 'schema');
          const schema =
            property && ts.isPropertyAssignment(property)
              ? property.initializer
              : property && ts.isShorthandPropertyAssignment(property)
                ? property.name
                : ts.isIdentifier(skipOuterExpressions(options))
                  ? options
                  : undefined;
          if (!schema) return;
          const unsafe = unsafeSchema(file, schema);
          if (!unsafe) return;
          const value = skipOuterExpressions(schema);
          const fixes: DraftFix[] =
            ts.isPropertyAccessExpression(value) && value.name.text === 'DEFAULT_FULL_SCHEMA'
              ? [
                  {
                    title: 'Load with DEFAULT_SAFE_SCHEMA (no !!js types)',
                    kind: 'suggestion',
                    edits: [{ start: file.start(value.name), end: value.name.end, newText: 'DEFAULT_SAFE_SCHEMA' }],
                  },
                ]
              : [];
          report(
            data,
            property ?? options,
            `js-yaml ${member.member} with ${unsafe === 'DEFAULT_FULL_SCHEMA' ? 'DEFAULT_FULL_SCHEMA' : 'the js-yaml-js-types types'} builds \`!!js/function\` values from the document`,
            unsafe === 'DEFAULT_FULL_SCHEMA'
              ? "Load with DEFAULT_SAFE_SCHEMA (js-yaml 3's plain load uses the full schema too), or upgrade to js-yaml 4, whose default schema has no JavaScript types."
              : 'Load with the default schema (without js-yaml-js-types) and validate the result.',
            fixes,
          );
          return;
        }
        const does = deserializers[member.module]?.[member.member];
        if (!does) return;
        const jsonFix: DraftFix[] =
          member.module === 'node-serialize' && call.arguments.length === 1 && !jsonShadowed(file)
            ? [
                {
                  title: 'Parse with JSON.parse (functions are not rebuilt)',
                  kind: 'suggestion',
                  edits: [{ start: file.start(callee), end: callee.end, newText: 'JSON.parse' }],
                },
              ]
            : [];
        report(data, data, does, 'Exchange plain data: JSON.parse, then validate its shape.', jsonFix);
      },
    };
  },
};

/** Whether the file declares a `JSON` of its own (JSON.parse would not be the global). */
function jsonShadowed(file: TsFile): boolean {
  if (/\b(?:const|let|var|function|class)\s+JSON\b/.test(file.text)) return true;
  // import JSON from '…', import { JSON } from '…', import * as JSON from '…'
  return file.sourceFile.statements.some(
    (statement) =>
      ts.isImportDeclaration(statement) &&
      statement.importClause !== undefined &&
      /\bJSON\b/.test(file.textOf(statement.importClause)),
  );
}
