// Strings run as code: eval, new Function, the vm module, and setTimeout/setInterval with a
// string. Whoever controls the string controls the process.
import ts from 'typescript';
import type { TsFile } from '../../languages/typescript/file';
import { mayBeMember, mentionsModule, moduleMemberOf } from '../../languages/typescript/modules';
import type { TsRule } from '../../languages/typescript/rule';
import { describeTaint, flowOf, isDeferred, sinkTaint } from '../../knowledge/taint';
import { isConstant, skipOuterExpressions } from '../../languages/typescript/values';

const vmModules = ['vm'];
const globalEvaluators: ReadonlySet<string> = new Set(['eval', 'Function', 'setTimeout', 'setInterval']);
const vmFunctions = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction', 'Script']);

/** A value that is code text: a string expression (template, concatenation, literal) or anything tainted. */
function isStringExpression(expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  return (
    ts.isStringLiteralLike(e) ||
    ts.isTemplateExpression(e) ||
    (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
  );
}

function isGlobal(file: TsFile, identifier: ts.Expression, name: string): boolean {
  const e = skipOuterExpressions(identifier);
  if (ts.isIdentifier(e)) return e.text === name && file.resolve(e) === undefined;
  // globalThis.eval, window.eval
  return (
    ts.isPropertyAccessExpression(e) &&
    e.name.text === name &&
    ts.isIdentifier(e.expression) &&
    ['globalThis', 'window', 'global', 'self'].includes(e.expression.text)
  );
}

export const codeInjection: TsRule = {
  id: 'ts/code-injection',
  language: 'typescript',
  meta: {
    title: 'String evaluated as code',
    summary: '`eval`, `new Function`, `vm` and string timers with non-constant code',
    severity: 'error',
    guideSection: 'Input Validation › Sanitize inputs',
    checklistItem: 'input-validation',
    description:
      "`eval`, `new Function`, the `vm` module and `setTimeout`/`setInterval` with a string compile their argument as JavaScript with the server's rights. The vm module is not a sandbox. A value that reaches them from a request or a tool argument is remote code execution.",
    remedy: 'Parse data with JSON.parse, look operations up in a table of functions, or pass a function to setTimeout.',
  },
  create(context) {
    const { file } = context;
    const report = (node: ts.Expression, what: string): void => {
      const taint = sinkTaint(file, node, 'plain', undefined);
      const tainted = (described: string): string =>
        `${what} runs code built from ${described}: that is remote code execution.`;
      context.report({
        start: file.start(node),
        end: node.end,
        message: taint?.source
          ? tainted(describeTaint(taint))
          : `${what} runs a string that is not a constant as code. Parse data instead of evaluating it.`,
      });
      // Reached from exported parameters: linking reports it with the source once a caller is tainted.
      if (taint && isDeferred(taint))
        context.report({
          start: file.start(node),
          end: node.end,
          message: tainted(describeTaint(taint)),
          ...flowOf(taint),
        });
    };
    const check = (callee: ts.Expression, args: readonly ts.Expression[], isNew: boolean): void => {
      const e = skipOuterExpressions(callee);
      if (!isNew && isGlobal(file, e, 'eval')) {
        if (args.length > 0 && !isConstant(file, args[0])) report(args[0], 'eval');
        return;
      }
      if (isGlobal(file, e, 'Function')) {
        const dynamic = args.find((a) => !isConstant(file, a));
        if (dynamic) report(dynamic, 'new Function');
        return;
      }
      if (!isNew && (isGlobal(file, e, 'setTimeout') || isGlobal(file, e, 'setInterval'))) {
        if (args.length > 0 && isStringExpression(args[0]) && !isConstant(file, args[0]))
          report(args[0], `${(ts.isIdentifier(e) ? e : (e as ts.PropertyAccessExpression).name).text} with a string`);
        return;
      }
      const member =
        mentionsModule(file, 'vm', vmModules) && mayBeMember(file, e, 'vm', vmFunctions)
          ? moduleMemberOf(file, e)
          : undefined;
      if (
        member &&
        member.module === 'vm' &&
        vmFunctions.has(member.member) &&
        args.length > 0 &&
        !isConstant(file, args[0])
      ) {
        report(args[0], `vm.${member.member}`);
      }
    };
    return {
      calls: { names: globalEvaluators, module: { key: 'vm', modules: vmModules, members: vmFunctions } },
      [ts.SyntaxKind.CallExpression]: (call) => check(call.expression, call.arguments, false),
      [ts.SyntaxKind.NewExpression]: (node) => check(node.expression, node.arguments ?? [], true),
    };
  },
};
