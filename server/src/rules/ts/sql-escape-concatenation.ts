// SQL built by concatenating `escape()` output: the guide's own "sanitize" example. Escaping
// depends on the connection's character set and SQL mode, is easy to forget on one value, and
// does nothing for numbers spliced without quotes. Placeholders make escaping the driver's job.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../../engine/rule';
import type { TsRule } from '../../languages/typescript/rule';
import { escapeCallName, parameterize, placeholderStyle, querySqlParts } from '../../languages/typescript/sql';
import { isConstant, isNumericCoercion, skipOuterExpressions } from '../../languages/typescript/values';

const escapingHelpers = new Set(['escape', 'escapeLiteral']);

export const sqlEscapeConcatenation: TsRule = {
  id: 'ts/sql-escape-concatenation',
  language: 'typescript',
  meta: {
    title: 'SQL built from escape() output',
    severity: 'warning',
    guideSection: 'Input Validation › Sanitize inputs',
    checklistItem: 'input-validation',
    docs: 'docs/rules/ts/sql-escape-concatenation.md',
    description:
      "The query's SQL is built by splicing `escape()` output into a template or concatenation, as the guide's own sanitizeInput example does. Escaping is correct only for the connection's character set and SQL mode, is easy to forget for one value in a long query, and a spliced value without quotes is still injectable. Placeholders leave escaping to the driver.",
    remedy: 'Pass the raw values as query parameters with placeholders instead of escaping and splicing them.',
    fixable: 'fix',
  },
  create(context) {
    const { file } = context;
    return {
      [ts.SyntaxKind.CallExpression]: (call) => {
        const query = querySqlParts(file, call);
        if (!query) return;
        const { parts } = query;
        const viaVariable = query.viaVariable !== undefined;
        const escaped: ts.CallExpression[] = [];
        for (const part of parts) {
          if (!('expression' in part)) continue;
          const e = skipOuterExpressions(part.expression);
          const name = escapeCallName(e);
          if (!name || !escapingHelpers.has(name) || !ts.isCallExpression(e) || e.arguments.length !== 1) continue;
          // escape(42), escape(Number(id)): a number cannot break out of the SQL.
          if (isConstant(file, e.arguments[0]) || isNumericCoercion(e.arguments[0])) continue;
          escaped.push(e);
        }
        if (escaped.length === 0) return;
        let fix: DraftFix | undefined;
        const style = placeholderStyle(file);
        const otherSplices = parts.some((p) => 'expression' in p && !escaped.includes(skipOuterExpressions(p.expression) as ts.CallExpression) && !isConstant(file, p.expression));
        if (style && !viaVariable && !otherSplices && call.arguments.length === 1) {
          const unsafe = parts.filter((p): p is { expression: ts.Expression } => 'expression' in p && escaped.includes(skipOuterExpressions(p.expression) as ts.CallExpression)).map((p) => p.expression);
          const query = parameterize(file, parts, unsafe, style, (e) => file.textOf((skipOuterExpressions(e) as ts.CallExpression).arguments[0]));
          if (query) {
            const edits: OffsetEdit[] = [
              { start: file.start(call.arguments[0]), end: call.arguments[0].end, newText: query.sql },
              { start: call.arguments[0].end, end: call.arguments[0].end, newText: `, [${query.values.join(', ')}]` },
            ];
            fix = { title: `Use a parameterized query (${style === 'dollar' ? '$1, $2, …' : '?'} placeholders)`, kind: 'fix', edits };
          }
        }
        const names = escaped.slice(0, 3).map((e) => `'${file.textOf(e).slice(0, 40)}'`).join(', ');
        context.report({
          start: file.start(call.arguments[0]),
          end: call.arguments[0].end,
          message: `SQL is built by splicing escaped values (${names}). Pass the values as query parameters instead of escaping them by hand.`,
          fixes: fix ? [fix] : [],
        });
      },
    };
  },
};
