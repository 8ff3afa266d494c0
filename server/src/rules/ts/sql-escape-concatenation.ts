// SQL built by concatenating `escape()` output: the guide's own "sanitize" example. Escaping
// depends on the connection's character set and SQL mode, is easy to forget on one value, and
// does nothing for numbers spliced without quotes. Placeholders make escaping the driver's job.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import type { TsRule } from '../../languages/typescript/rule';
import type { TsFile } from '../../languages/typescript/file';
import {
  sqlMethods,
  escapeCallName,
  parameterize,
  placeholderStyle,
  querySqlParts,
  sqlParts,
  type SqlPart,
} from '../../knowledge/sql';
import {
  isConstant,
  isNumericCoercion,
  skipOuterExpressions,
  variableInitializer,
} from '../../languages/typescript/values';

const escapingHelpers = new Set(['escape', 'escapeLiteral']);

/**
 * Text that opens a whole SQL statement (`SELECT … FROM`, `INSERT INTO`, `UPDATE x SET`, `DELETE
 * FROM`): built SQL that no query call in the file receives is judged by this stricter shape, so
 * `'Select a file: ' + escape(name)` stays quiet.
 */
const sqlStatement =
  /^\s*(?:\(\s*)?(?:select\b[\s\S]*\bfrom\b|insert\s+(?:ignore\s+)?into\b|replace\s+into\b|update\s+\S+\s+set\b|delete\s+from\b)/i;

/** An `escape(x)` call with a value that can carry text (not a constant, not a number). */
function escapedValue(file: TsFile, expression: ts.Expression): ts.CallExpression | undefined {
  const e = skipOuterExpressions(expression);
  const name = escapeCallName(e);
  if (!name || !escapingHelpers.has(name) || !ts.isCallExpression(e) || e.arguments.length !== 1) return undefined;
  // escape(42), escape(Number(id)): a number cannot break out of the SQL.
  if (isConstant(file, e.arguments[0]) || isNumericCoercion(e.arguments[0])) return undefined;
  return e;
}

/** Whether `node` is a piece of a larger `+` chain or template (the outermost one is judged). */
function isInnerPart(node: ts.Node): boolean {
  let parent = node.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return (
    !!parent &&
    ((ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken) ||
      ts.isTemplateSpan(parent))
  );
}

export const sqlEscapeConcatenation: TsRule = {
  id: 'ts/sql-escape-concatenation',
  language: 'typescript',
  meta: {
    title: 'SQL built from escape() output',
    summary: "SQL built from `escape()` output (the guide's own example)",
    severity: 'warning',
    guideSection: 'Input Validation › Sanitize inputs',
    checklistItem: 'input-validation',
    description:
      "The query's SQL is built by splicing `escape()` output into a template or concatenation, as the guide's own sanitizeInput example does. Escaping is correct only for the connection's character set and SQL mode, is easy to forget for one value in a long query, and a spliced value without quotes is still injectable. Placeholders leave escaping to the driver.",
    remedy: 'Pass the raw values as query parameters with placeholders instead of escaping and splicing them.',
    fixable: true,
  },
  create(context) {
    const { file } = context;
    // SQL that reaches a query call is judged at the call (with a fix); the rest, like the guide's
    // `return \`SELECT … ${safeUserId}\``, once the walk has seen every call.
    const judgedAtCall = new Set<ts.Node>();
    const unsent: Array<{ node: ts.Expression; parts: SqlPart[] }> = [];
    const collect = (node: ts.Expression): void => {
      if (isInnerPart(node)) return;
      const parts = sqlParts(node);
      if (parts && parts.length > 1 && sqlStatement.test(parts.map((p) => ('text' in p ? p.text : ' ? ')).join('')))
        unsent.push({ node, parts });
    };
    return {
      [ts.SyntaxKind.TemplateExpression]: collect,
      [ts.SyntaxKind.BinaryExpression]: (node) => {
        if (node.operatorToken.kind === ts.SyntaxKind.PlusToken) collect(node);
      },
      onEnd: () => {
        for (const { node, parts } of unsent) {
          if (judgedAtCall.has(node)) continue;
          // Escaped where it is spliced, or one step earlier (`const safeUserId = escape(userId)`).
          const escaped = parts.flatMap((part) => {
            if (!('expression' in part)) return [];
            const e = skipOuterExpressions(part.expression);
            const init = ts.isIdentifier(e) ? variableInitializer(file, e) : undefined;
            return escapedValue(file, e) || (init && escapedValue(file, init)) ? [e] : [];
          });
          if (escaped.length === 0) continue;
          context.report({
            start: file.start(node),
            end: node.end,
            message: `SQL is built by splicing escaped values (${quotedNames(file, escaped)}). Send it with placeholders and pass the values as query parameters instead of escaping them by hand.`,
          });
        }
      },
      calls: { names: sqlMethods },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const query = querySqlParts(file, call);
        if (!query) return;
        judgedAtCall.add(query.source);
        const { parts } = query;
        const viaVariable = query.viaVariable !== undefined;
        const escaped: ts.CallExpression[] = [];
        for (const part of parts) {
          const e = 'expression' in part ? escapedValue(file, part.expression) : undefined;
          if (e) escaped.push(e);
        }
        if (escaped.length === 0) return;
        let fix: DraftFix | undefined;
        const style = placeholderStyle(file);
        const otherSplices = parts.some(
          (p) =>
            'expression' in p &&
            !escaped.includes(skipOuterExpressions(p.expression) as ts.CallExpression) &&
            !isConstant(file, p.expression),
        );
        if (style && !viaVariable && !otherSplices && call.arguments.length === 1) {
          const unsafe = parts
            .filter(
              (p): p is { expression: ts.Expression } =>
                'expression' in p && escaped.includes(skipOuterExpressions(p.expression) as ts.CallExpression),
            )
            .map((p) => p.expression);
          const query = parameterize(file, parts, unsafe, style, (e) =>
            file.textOf((skipOuterExpressions(e) as ts.CallExpression).arguments[0]),
          );
          if (query) {
            const edits: OffsetEdit[] = [
              { start: file.start(call.arguments[0]), end: call.arguments[0].end, newText: query.sql },
              { start: call.arguments[0].end, end: call.arguments[0].end, newText: `, [${query.values.join(', ')}]` },
            ];
            fix = {
              title: `Use a parameterized query (${style === 'dollar' ? '$1, $2, …' : '?'} placeholders)`,
              kind: 'fix',
              edits,
            };
          }
        }
        context.report({
          start: file.start(call.arguments[0]),
          end: call.arguments[0].end,
          message: `SQL is built by splicing escaped values (${quotedNames(file, escaped)}). Pass the values as query parameters instead of escaping them by hand.`,
          fixes: fix ? [fix] : [],
        });
      },
    };
  },
};

function quotedNames(file: TsFile, expressions: readonly ts.Expression[]): string {
  return expressions
    .slice(0, 3)
    .map((e) => `'${file.textOf(e).slice(0, 40)}'`)
    .join(', ');
}
