// SQL built by splicing values into the query text (template literal or `+`): whatever the value
// holds becomes SQL. Parameterized queries keep data and code apart.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import { describeTaint, flowOf, isDeferred, sinkTaint } from '../../knowledge/taint';
import {
  sqlMethods,
  parameterize,
  placeholderStyle,
  identifierSplices,
  querySqlParts,
  unsafeSplices,
  type SqlPart,
} from '../../knowledge/sql';
import { shorten } from '../../core/text';

function parameterizeFix(
  file: TsFile,
  call: ts.CallExpression,
  sqlArgument: ts.Expression,
  parts: SqlPart[],
  unsafe: ts.Expression[],
): DraftFix | undefined {
  const style = placeholderStyle(file);
  if (!style) return undefined;
  const method = (call.expression as ts.PropertyAccessExpression).name.text;
  if (method === '$queryRawUnsafe' || method === '$executeRawUnsafe' || method === 'unsafe') return undefined;
  const query = parameterize(file, parts, unsafe, style);
  if (!query) return undefined;
  const values = `[${query.values.join(', ')}]`;
  const edits: OffsetEdit[] = [{ start: file.start(sqlArgument), end: sqlArgument.end, newText: query.sql }];
  if (method === 'prepare') {
    // better-sqlite3: db.prepare(sql).get() -> db.prepare(sql).get(a, b)
    const access = call.parent;
    const run = access?.parent;
    if (
      !ts.isPropertyAccessExpression(access) ||
      !run ||
      !ts.isCallExpression(run) ||
      run.expression !== access ||
      run.arguments.length > 0
    )
      return undefined;
    const open = run.arguments.pos;
    edits.push({ start: open, end: open, newText: query.values.join(', ') });
  } else if (call.arguments.length === 1) {
    edits.push({ start: sqlArgument.end, end: sqlArgument.end, newText: `, ${values}` });
  } else if (
    call.arguments.length === 2 &&
    (ts.isFunctionExpression(call.arguments[1]) || ts.isArrowFunction(call.arguments[1]))
  ) {
    // mysql callback style: query(sql, cb) -> query(sql, values, cb)
    edits.push({ start: sqlArgument.end, end: sqlArgument.end, newText: `, ${values}` });
  } else {
    return undefined;
  }
  const placeholder = style === 'dollar' ? '$1, $2, …' : '?';
  return { title: `Use a parameterized query (${placeholder} placeholders)`, kind: 'fix', edits };
}

export const sqlInjection: TsRule = {
  id: 'ts/sql-injection',
  language: 'typescript',
  meta: {
    title: 'SQL built from spliced values',
    summary: 'SQL built from template literals or concatenation with non-constant values',
    severity: 'error',
    guideSection: 'Input Validation › Sanitize inputs',
    checklistItem: 'input-validation',
    description:
      "A query's SQL text is built with a template literal or `+` from values that are not constants. If any of them comes from a request or a tool argument, the caller can change the query (read other rows, drop tables). Escaping by hand is easy to get wrong; placeholders are not.",
    remedy: 'Pass the values separately with placeholders ($1 for pg, ? for mysql and sqlite).',
    fixable: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: { names: sqlMethods },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const query = querySqlParts(file, call);
        if (!query) return;
        const { parts, viaVariable } = query;
        const splices = unsafeSplices(file, parts);
        // Names (a table, a column, a type) cannot be placeholders: reported only when a caller chooses them.
        const identifiers = identifierSplices(parts, splices);
        for (const name of identifiers) {
          const taint = sinkTaint(file, name, 'plain', undefined);
          if (!taint) continue;
          context.report({
            start: file.start(call.arguments[0]),
            end: call.arguments[0].end,
            message: `SQL ${viaVariable ? `in '${viaVariable.text}' ` : ''}takes the name '${shorten(file.textOf(name))}' from ${describeTaint(taint)}: the caller can rewrite the statement. Names cannot be query parameters; check it against an allow-list of known tables and columns.`,
            ...flowOf(taint),
          });
          break;
        }
        const unsafe = splices.filter((e) => !identifiers.has(e));
        if (unsafe.length === 0) return;
        const names = unsafe.map((e) => file.textOf(e)).slice(0, 3);
        const list = names.map((n) => `'${shorten(n)}'`).join(', ') + (unsafe.length > 3 ? ', …' : '');
        const fix = viaVariable ? undefined : parameterizeFix(file, call, call.arguments[0], parts, unsafe);
        context.report({
          start: file.start(call.arguments[0]),
          end: call.arguments[0].end,
          message: `SQL ${viaVariable ? `in '${viaVariable.text}' ` : ''}is built from ${list}. Pass values as query parameters instead of splicing them into the SQL.`,
          fixes: fix ? [fix] : [],
        });
        // A DAO's parameters spliced in: linking says so when a route passes request data to it.
        for (const splice of unsafe) {
          const taint = sinkTaint(file, splice, 'plain', undefined);
          if (!taint || !isDeferred(taint)) continue;
          context.report({
            start: file.start(call.arguments[0]),
            end: call.arguments[0].end,
            message: `SQL ${viaVariable ? `in '${viaVariable.text}' ` : ''}is built from ${list}, which carries ${describeTaint(taint)}: the caller can change the query. Pass values as query parameters instead of splicing them into the SQL.`,
            ...flowOf(taint),
          });
          break;
        }
      },
    };
  },
};
