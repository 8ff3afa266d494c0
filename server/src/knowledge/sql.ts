// SQL text built from code: which calls run SQL, which placeholders the driver uses, and how a
// template or concatenation turns into a parameterized query.
import ts from 'typescript';
import { escapeTemplateText } from '../languages/typescript/edits';
import type { TsFile } from '../languages/typescript/file';
import { importedModules } from '../languages/typescript/modules';
import {
  isConstant,
  isNumericCoercion,
  literalText,
  skipOuterExpressions,
  variableInitializer,
} from '../languages/typescript/values';

export const sqlMethods = new Set([
  'query',
  'execute',
  'raw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'prepare',
  'unsafe',
]);

const sqlKeyword =
  /\b(?:select|insert\s+into|update|delete\s+from|where|from|values|order\s+by|group\s+by|join|create\s+table|drop\s+table|alter\s+table|limit|having|union)\b/i;

export type Placeholder = 'dollar' | 'question';

const dollarDrivers = ['pg', 'pg-pool', '@neondatabase/serverless', '@vercel/postgres', 'pg-promise'];
const questionDrivers = [
  'mysql',
  'mysql2',
  'mysql2/promise',
  'sqlite3',
  'better-sqlite3',
  'sqlite',
  'knex',
  '@libsql/client',
];

/** The placeholder style of the SQL driver the file imports, if exactly one family is imported. */
export function placeholderStyle(file: TsFile): Placeholder | undefined {
  const modules = importedModules(file);
  const dollar = dollarDrivers.some((m) => modules.has(m));
  const question = questionDrivers.some((m) => modules.has(m));
  if (dollar === question) return undefined;
  return dollar ? 'dollar' : 'question';
}

/** A piece of SQL source: static text, or an expression spliced into it. */
export type SqlPart = { text: string } | { expression: ts.Expression };

/** Flattens a template literal or a `+` chain into parts; undefined for anything else. */
export function sqlParts(expression: ts.Expression): SqlPart[] | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isTemplateExpression(e)) {
    const parts: SqlPart[] = [{ text: e.head.text }];
    for (const span of e.templateSpans) parts.push({ expression: span.expression }, { text: span.literal.text });
    return parts;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = sqlParts(e.left) ?? [partOf(e.left)];
    const right = sqlParts(e.right) ?? [partOf(e.right)];
    return [...left, ...right];
  }
  return undefined;
}

function partOf(expression: ts.Expression): SqlPart {
  const text = literalText(skipOuterExpressions(expression));
  return text !== undefined ? { text } : { expression };
}

/** An expression that is escaped by a quoting helper: that is secret/sql-escape-concatenation's concern. */
export function isEscapeCall(expression: ts.Expression): boolean {
  return escapeCallName(expression) !== undefined;
}

/** The quoting helper's name (`escape`, `escapeId`, …) when `expression` is a call of one. */
export function escapeCallName(expression: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expression);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = e.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return /^(?:escape|escapeId|escapeLiteral|escapeIdentifier|format)$/.test(name) ? name : undefined;
}

/** The spliced expressions that can carry attacker-controlled text. */
export function unsafeSplices(file: TsFile, parts: readonly SqlPart[]): ts.Expression[] {
  const unsafe: ts.Expression[] = [];
  for (const part of parts) {
    if (!('expression' in part)) continue;
    const e = part.expression;
    if (isConstant(file, e) || isNumericCoercion(e) || isEscapeCall(e)) continue;
    unsafe.push(e);
  }
  return unsafe;
}

/**
 * The SQL parts of a query call (`db.query(\`…${x}\`)`), written inline or held in a variable
 * declared in the file (`viaVariable`), with the expression that builds it (`source`); undefined when the call is not a query or its SQL is not built.
 */
export function querySqlParts(
  file: TsFile,
  call: ts.CallExpression,
): { parts: SqlPart[]; source: ts.Expression; viaVariable?: ts.Identifier } | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !sqlMethods.has(callee.name.text) || call.arguments.length === 0)
    return undefined;
  const argument = skipOuterExpressions(call.arguments[0]);
  const inline = sqlParts(argument);
  if (inline) return looksLikeSql(inline) ? { parts: inline, source: argument } : undefined;
  if (!ts.isIdentifier(argument)) return undefined;
  const init = variableInitializer(file, argument);
  const parts = init && sqlParts(init);
  return parts && looksLikeSql(parts)
    ? { parts, source: skipOuterExpressions(init), viaVariable: argument }
    : undefined;
}

export function looksLikeSql(parts: readonly SqlPart[]): boolean {
  return sqlKeyword.test(parts.map((p) => ('text' in p ? p.text : ' ? ')).join(''));
}

export interface ParameterizedQuery {
  /** Source text of the new SQL argument (a string literal, or a template when constants remain). */
  sql: string;
  /** Source text of each value, in placeholder order. */
  values: string[];
}

/**
 * Rewrites parts into SQL with placeholders and a list of values. A splice inside a quoted SQL
 * string (`'${name}'`, `'%${q}%'`) becomes one placeholder whose value is the whole quoted
 * content; constant splices stay in the SQL text.
 */
export function parameterize(
  file: TsFile,
  sourceParts: readonly SqlPart[],
  unsafe: readonly ts.Expression[],
  style: Placeholder,
  valueText: (e: ts.Expression) => string = (e) => file.textOf(e),
): ParameterizedQuery | undefined {
  let parts = [...sourceParts];
  const values: string[] = [];
  let sql = '';
  let keepsTemplate = false;
  const placeholder = (): string => (style === 'dollar' ? `$${values.length}` : '?');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if ('text' in part) {
      sql += escapeTemplateText(part.text);
      continue;
    }
    if (!unsafe.includes(part.expression)) {
      sql += '${' + file.textOf(part.expression) + '}';
      keepsTemplate = true;
      continue;
    }
    // Is this splice inside a quoted SQL string? Look for an open quote before it.
    const quoteAt = openQuoteIndex(sql);
    if (quoteAt >= 0) {
      const quote = sql[quoteAt];
      let inner = '${' + file.textOf(part.expression) + '}';
      const prefix = sql.slice(quoteAt + 1);
      // Collect until the closing quote in a following text part.
      let j = i + 1;
      let closed = false;
      let suffix = '';
      for (; j < parts.length; j++) {
        const next = parts[j];
        if ('text' in next) {
          const close = next.text.indexOf(quote);
          if (close >= 0) {
            inner += escapeTemplateText(next.text.slice(0, close));
            suffix = next.text.slice(close + 1);
            closed = true;
            break;
          }
          inner += escapeTemplateText(next.text);
        } else {
          inner += '${' + file.textOf(next.expression) + '}';
        }
      }
      if (!closed) return undefined;
      const valueSource =
        prefix === '' && inner === '${' + file.textOf(part.expression) + '}'
          ? file.textOf(part.expression)
          : '`' + prefix + inner + '`';
      values.push(valueSource);
      sql = sql.slice(0, quoteAt) + placeholder();
      parts = [...parts.slice(0, j), { text: suffix }, ...parts.slice(j + 1)];
      i = j - 1;
      continue;
    }
    // Placeholders stand for values only: a table, a column, a sort order or a list cannot be one.
    if (identifierPosition.test(unescapeTemplate(sql))) return undefined;
    values.push(valueText(part.expression));
    sql += placeholder();
  }
  if (values.length === 0) return undefined;
  if (keepsTemplate) return { sql: '`' + sql + '`', values };
  // Back to a plain string: undo template escaping, then quote in the file's style.
  return { sql: file.quoted(unescapeTemplate(sql)), values };
}

/** Statements that take no bound parameters at all: everything spliced in is a name or a type. */
const ddlStatement = /^\s*(?:create|alter|drop|truncate|comment\s+on|grant|revoke|rename|vacuum|analyze|reindex)\b/i;

/**
 * The spliced values that stand where SQL takes a name (a table, a column, a type, a sort
 * order): in a DDL statement, after FROM/INTO/TABLE/ORDER BY/…, or inside backquotes.
 * Placeholders cannot replace them.
 */
export function identifierSplices(parts: readonly SqlPart[], splices: readonly ts.Expression[]): Set<ts.Expression> {
  const found = new Set<ts.Expression>();
  const ddl = ddlStatement.test(parts.map((p) => ('text' in p ? p.text : ' x ')).join(''));
  let before = '';
  for (const part of parts) {
    if ('text' in part) {
      before += part.text;
      continue;
    }
    if (splices.includes(part.expression)) {
      const text = unescapeTemplate(before);
      // (Not "…": a string in MySQL's default mode.)
      if (ddl || identifierPosition.test(text) || /`[^`]*$/.test(text)) found.add(part.expression);
    }
    before += ' x ';
  }
  return found;
}

const identifierPosition =
  /(?:\b(?:order\s+by|group\s+by|from|join|into|update|table|select|as|in\s*\()|\bby\s+[\w."]+|\.)\s*$/i;

function unescapeTemplate(text: string): string {
  return text.replace(/\\([\\`$])/g, '$1');
}

/** Index of an unclosed `'` or `"` in SQL text, or -1. */
function openQuoteIndex(sql: string): number {
  let open = -1;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (open >= 0) {
      if (c === sql[open]) open = -1;
    } else if (c === "'" || c === '"') {
      open = i;
    }
  }
  return open;
}
