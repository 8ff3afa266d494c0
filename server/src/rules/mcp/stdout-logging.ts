// With the stdio transport, stdout is the JSON-RPC stream: anything else written there corrupts
// the protocol and can hand log data to the client.
import ts from 'typescript';
import { bindingOfIdentifier, creationOf } from '../../languages/typescript/modules';
import { usesStdioTransport } from '../../knowledge/mcp';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions } from '../../languages/typescript/values';
import { codeTextOf } from '../../languages/typescript/comments';

const stdoutConsoleMethods = new Set([
  'log',
  'info',
  'debug',
  'dir',
  'table',
  'dirxml',
  'group',
  'groupCollapsed',
  'count',
  'timeLog',
  'timeEnd',
]);

/** `new StdioServerTransport(…)` in the code of the file, once per file. */
function stdioCreations(file: TsFile): readonly ts.NewExpression[] {
  return file.cached('stdioCreations', collectStdioCreations);
}

function collectStdioCreations(file: TsFile): ts.NewExpression[] {
  return (file.nodesOfKind(ts.SyntaxKind.NewExpression) as readonly ts.NewExpression[]).filter((node) => {
    const callee = skipOuterExpressions(node.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return name === 'StdioServerTransport';
  });
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** A branch that ends the code after it: its last statement returns or throws. */
function exits(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/**
 * Whether `node` runs only where the file does not speak stdio: it is in one branch of an `if`
 * and every stdio transport of the file is created in another branch of it (`if (http) { … }
 * else { new StdioServerTransport() }`), or after an `if` whose branch holding `node` returns.
 * A callback defined in such a branch (`app.listen(port, () => console.log(…))`) is created only
 * there, so it counts as in the branch. A file that creates no stdio transport itself (it only
 * imports one) gets no such pass.
 */
function exclusiveWithStdio(file: TsFile, node: ts.Node): boolean {
  const creations = stdioCreations(file);
  if (creations.length === 0) return false;
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const statement = current.parent;
    if (!ts.isIfStatement(statement) || current === statement.expression) continue;
    const branch = current as ts.Statement;
    if (creations.some((c) => contains(branch, c))) return false;
    const other = branch === statement.thenStatement ? statement.elseStatement : statement.thenStatement;
    if (other && creations.every((c) => contains(other, c))) return true;
    // if (http) { startHttp(); console.log('…'); return; } … new StdioServerTransport()
    if (
      branch === statement.thenStatement &&
      exits(branch) &&
      creations.every((c) => c.pos >= statement.end && contains(statement.parent, c))
    )
      return true;
  }
  return false;
}

export const stdoutLogging: TsRule = {
  id: 'mcp/stdout-logging',
  language: 'typescript',
  meta: {
    title: 'Logging to stdout in a stdio MCP server',
    summary: 'stdout logging in a stdio MCP server',
    severity: 'warning',
    guideSection: 'beyond (MCP stdio transport)',
    checklistItem: 'logging',
    description:
      "This server speaks MCP over stdio, where stdout carries the JSON-RPC messages. console.log/info/debug, process.stdout.write and loggers writing to stdout (pino's default, winston's Console transport) insert text into that stream: the client fails to parse it, and whatever was logged is handed to the client and its model.",
    remedy:
      'Log to stderr: console.error, process.stderr.write, pino(pino.destination(2)), or winston Console with stderrLevels for every level.',
    fixable: true,
  },
  create(context) {
    const { file } = context;
    let stdio: boolean | undefined;
    const active = (): boolean => (stdio ??= usesStdioTransport(file));
    return {
      [ts.SyntaxKind.CallExpression]: (call) => {
        // Only a stdio MCP server has a protocol stream on stdout: decide that first (once per file).
        if (!active()) return;
        const callee = skipOuterExpressions(call.expression);
        if (ts.isPropertyAccessExpression(callee)) {
          if (!stdoutConsoleMethods.has(callee.name.text) && callee.name.text !== 'write') return;
          if (exclusiveWithStdio(file, call)) return;
          const object = skipOuterExpressions(callee.expression);
          // console.log(…)
          if (
            ts.isIdentifier(object) &&
            object.text === 'console' &&
            file.resolve(object) === undefined &&
            stdoutConsoleMethods.has(callee.name.text)
          ) {
            const replaceable = ['log', 'info', 'debug'].includes(callee.name.text);
            context.report({
              start: file.start(callee),
              end: callee.end,
              message: `console.${callee.name.text} writes to stdout, which is this stdio MCP server's protocol stream. Use console.error.`,
              fixes: replaceable
                ? [
                    {
                      title: 'Log to stderr (console.error)',
                      kind: 'fix',
                      edits: [{ start: file.start(callee.name), end: callee.name.end, newText: 'error' }],
                    },
                  ]
                : [],
            });
            return;
          }
          // process.stdout.write(…)
          if (
            callee.name.text === 'write' &&
            ts.isPropertyAccessExpression(object) &&
            object.name.text === 'stdout' &&
            ts.isIdentifier(object.expression) &&
            object.expression.text === 'process'
          ) {
            context.report({
              start: file.start(callee),
              end: callee.end,
              message:
                "process.stdout.write writes into this stdio MCP server's protocol stream. Use process.stderr.write.",
              fixes: [
                {
                  title: 'Write to stderr',
                  kind: 'fix',
                  edits: [{ start: file.start(object.name), end: object.name.end, newText: 'stderr' }],
                },
              ],
            });
          }
          return;
        }
        // pino() / pino({ level }) with no destination writes to stdout.
        if (ts.isIdentifier(callee)) {
          const binding = bindingOfIdentifier(file, callee);
          if (
            binding?.module !== 'pino' ||
            (binding.imported !== 'default' && binding.imported !== '*' && binding.imported !== 'pino')
          )
            return;
          if (call.arguments.length >= 2) return; // a destination stream is given
          const options = call.arguments[0];
          if (options && /transport|destination/.test(codeTextOf(file, options))) return;
          if (exclusiveWithStdio(file, call)) return;
          context.report({
            start: file.start(call),
            end: call.end,
            message:
              "pino writes to stdout by default, which is this stdio MCP server's protocol stream. Pass pino.destination(2) (stderr).",
          });
        }
      },
      [ts.SyntaxKind.NewExpression]: (node) => {
        if (!active()) return;
        // new winston.transports.Console() without stderrLevels
        const callee = skipOuterExpressions(node.expression);
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'Console') return;
        const transports = skipOuterExpressions(callee.expression);
        const root = ts.isPropertyAccessExpression(transports)
          ? skipOuterExpressions(transports.expression)
          : transports;
        const fromWinston =
          ts.isIdentifier(root) &&
          (bindingOfIdentifier(file, root)?.module === 'winston' || creationOf(file, root)?.module === 'winston');
        if (!fromWinston) return;
        const options = node.arguments?.[0];
        if (options && /stderrLevels/.test(codeTextOf(file, options))) return;
        if (exclusiveWithStdio(file, node)) return;
        context.report({
          start: file.start(node),
          end: node.end,
          message:
            "winston's Console transport writes to stdout unless stderrLevels lists every level. In a stdio MCP server that corrupts the protocol stream.",
        });
      },
    };
  },
};
