// A tool that reads arguments without declaring an input schema: the SDK validates nothing, and
// with McpServer.tool the arguments never even reach the handler.
import ts from 'typescript';
import type { TsFile } from '../../languages/typescript/file';
import { asToolRegistration, importsMcpSdk, toolRegistrationNames } from '../../knowledge/mcp';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';

/** The calls below: tool registrations and setRequestHandler. */
const registrationCalls: CallFilter = { names: new Set([...toolRegistrationNames, 'setRequestHandler']) };
import { skipOuterExpressions } from '../../languages/typescript/values';

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

/** setRequestHandler(CallToolRequestSchema, (request) => …): reads request.params.arguments without parsing it. */
function readsUnvalidatedArguments(file: TsFile, fn: ts.FunctionLikeDeclaration): ts.Node | undefined {
  if (!fn.body) return undefined;
  const body = file.textOf(fn.body);
  if (/\.(?:safeParse|parse|parseAsync|validate|Check|Decode)\s*\(|\bvalidate\w*\s*\(|ajv/i.test(body))
    return undefined;
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'arguments' &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'params'
    )
      found = node;
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
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
