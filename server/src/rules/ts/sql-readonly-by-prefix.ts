// "Read-only" query tools that accept any SQL beginning with SELECT and then run it: a prefix says
// nothing about the rest of the text (`SELECT 1; DROP TABLE users`), nor about what a SELECT can
// do (`SELECT … INTO`, side-effecting functions, writing CTEs when WITH is let in too).
import ts from 'typescript';
import type { Severity } from '../../core/rule';
import { shorten } from '../../core/text';
import type { Declaration, TsFile } from '../../languages/typescript/file';
import { creationOf, forEachIdentifier, importedModules, mentionsModule } from '../../languages/typescript/modules';
import { isMemberName } from '../../knowledge/sessions';
import type { TsRule } from '../../languages/typescript/rule';
import { describeTaint, flowOf, sinkTaint } from '../../knowledge/taint';
import {
  constInitializer,
  isConstant,
  skipOuterExpressions,
  staticString,
  variableInitializer,
} from '../../languages/typescript/values';

/** Methods that run their first argument as SQL whatever the receiver. */
const sqlRunMethods = new Set([
  'query',
  'execute',
  'raw',
  'prepare',
  'unsafe',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'executeMultiple',
  'oneOrNone',
  'manyOrNone',
]);
/** Methods that run SQL only on a database handle: counted when the file imports a SQL driver. */
const driverRunMethods = new Set(['exec', 'all', 'get', 'run', 'each', 'any', 'many', 'one', 'none', 'result']);
const sqlDrivers = [
  'pg',
  'pg-pool',
  'pg-promise',
  'postgres',
  '@neondatabase/serverless',
  '@vercel/postgres',
  'mysql',
  'mysql2',
  'mysql2/promise',
  'sqlite3',
  'sqlite',
  'better-sqlite3',
  '@libsql/client',
  'knex',
  'mssql',
  'oracledb',
  'duckdb',
  'sequelize',
  'typeorm',
  '@prisma/client',
];
const sqliteDrivers = new Set(['sqlite3', 'sqlite', 'better-sqlite3', '@libsql/client']);
const mysqlDrivers = new Set(['mysql', 'mysql2', 'mysql2/promise']);
const sqlParsers = [
  'node-sql-parser',
  'pgsql-ast-parser',
  'libpg-query',
  'pg-query-parser',
  '@pgsql/parser',
  'sql-parser-cst',
];

/** String methods that keep a value's meaning for a prefix check (case, white space). */
const normalizers = new Set([
  'trim',
  'trimStart',
  'trimLeft',
  'trimEnd',
  'trimRight',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'toString',
  'replace',
  'replaceAll',
]);
/** Methods that cut a prefix off: `sql.slice(0, 6)`, `sql.split(' ')[0]`. */
const prefixCutters = new Set(['slice', 'substring', 'substr']);

interface Root {
  node: ts.Expression;
  text: string;
  declaration: Declaration | undefined;
}

function leftmostIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let e = expression;
  while (ts.isPropertyAccessExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e : undefined;
}

/** `sql.trim().toLowerCase()` -> `sql`; `args.sql` stays; anything not a name or a property chain -> undefined. */
function rootOf(expression: ts.Expression, cutPrefix: boolean): ts.Expression | undefined {
  let e = skipOuterExpressions(expression);
  for (let i = 0; i < 12; i++) {
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      const name = e.expression.name.text;
      if (normalizers.has(name) || (cutPrefix && prefixCutters.has(name))) {
        e = skipOuterExpressions(e.expression.expression);
        continue;
      }
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'String' && e.arguments[0]) {
      e = skipOuterExpressions(e.arguments[0]);
      continue;
    }
    // sql.trim().split(/\s+/)[0]
    if (
      cutPrefix &&
      ts.isElementAccessExpression(e) &&
      ts.isNumericLiteral(e.argumentExpression) &&
      e.argumentExpression.text === '0'
    ) {
      const inner = skipOuterExpressions(e.expression);
      if (
        ts.isCallExpression(inner) &&
        ts.isPropertyAccessExpression(inner.expression) &&
        inner.expression.name.text === 'split'
      ) {
        e = skipOuterExpressions(inner.expression.expression);
        continue;
      }
    }
    break;
  }
  if (ts.isIdentifier(e)) return e;
  if (ts.isPropertyAccessExpression(e) && leftmostIdentifier(e)) return e;
  return undefined;
}

/** The names a value goes by: itself and, through `const q = sql.trim()`, the value it was made from. */
function rootsOf(file: TsFile, expression: ts.Expression, cutPrefix: boolean): Root[] {
  const roots: Root[] = [];
  let current = rootOf(expression, cutPrefix);
  for (let depth = 0; current && depth < 4; depth++) {
    const left = leftmostIdentifier(current)!;
    roots.push({ node: current, text: current.getText(file.sourceFile), declaration: file.resolve(left) });
    if (!ts.isIdentifier(current)) break;
    const init = variableInitializer(file, current);
    current = init ? rootOf(init, false) : undefined;
  }
  return roots;
}

function sharesRoot(a: readonly Root[], b: readonly Root[]): boolean {
  return a.some((x) => b.some((y) => x.text === y.text && x.declaration === y.declaration));
}

/** A prefix check: the node to report, the value checked, and the prefixes it lets through. */
interface PrefixCheck {
  check: ts.Expression;
  subject: ts.Expression;
  prefixes: string[];
  negated: boolean;
}

const anchoredSelect = /^\^(?:\\s[*+?]?|\s|\\b|\[\\s\][*+])*(?:\((?:\?:)?)?((?:[a-z]+\|)*)select(?![a-z])/i;

function regexOf(file: TsFile, expression: ts.Expression): { source: string } | undefined {
  let e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) {
    const init = constInitializer(file, e);
    if (!init) return undefined;
    e = skipOuterExpressions(init);
  }
  if (ts.isRegularExpressionLiteral(e)) {
    const text = e.text;
    return { source: text.slice(1, text.lastIndexOf('/')) };
  }
  if (
    (ts.isNewExpression(e) || ts.isCallExpression(e)) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'RegExp'
  ) {
    const source = e.arguments?.[0] && staticString(file, e.arguments[0]);
    return source !== undefined ? { source } : undefined;
  }
  return undefined;
}

function selectRegexPrefixes(source: string): string[] | undefined {
  const m = anchoredSelect.exec(source);
  if (!m) return undefined;
  return ['select', ...(/\bwith\b/i.test(source) ? ['with'] : [])];
}

function isSelectPrefix(prefixes: readonly string[]): boolean {
  return prefixes.some((p) => p.trim().toLowerCase() === 'select');
}

/** The static strings of an array literal (directly or through a `const`). */
function arrayStrings(file: TsFile, expression: ts.Expression): string[] | undefined {
  let e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) {
    const init = constInitializer(file, e);
    if (!init) return undefined;
    e = skipOuterExpressions(init);
  }
  if (!ts.isArrayLiteralExpression(e)) return undefined;
  const out: string[] = [];
  for (const element of e.elements) {
    const text = staticString(file, element);
    if (text === undefined) return undefined;
    out.push(text);
  }
  return out;
}

/** `x.startsWith('select')`, `['select', 'with'].some((p) => x.startsWith(p))`, `/^\s*select/i.test(x)`, `x.match(/^select/i)`. */
function prefixCheckOfCall(file: TsFile, call: ts.CallExpression): PrefixCheck | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || call.arguments.length === 0) return undefined;
  const name = callee.name.text;
  if (name === 'startsWith') {
    const argument = skipOuterExpressions(call.arguments[0]);
    const prefix = staticString(file, argument);
    if (prefix !== undefined)
      return isSelectPrefix([prefix])
        ? { check: call, subject: callee.expression, prefixes: [prefix], negated: false }
        : undefined;
    // ['SELECT', 'WITH'].some((p) => sql.startsWith(p))
    if (!ts.isIdentifier(argument)) return undefined;
    const parameter = file.resolve(argument);
    if (!parameter || !ts.isParameter(parameter)) return undefined;
    const fn = parameter.parent;
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
    const some = fn.parent;
    if (
      !ts.isCallExpression(some) ||
      some.arguments[0] !== fn ||
      !ts.isPropertyAccessExpression(some.expression) ||
      some.expression.name.text !== 'some'
    )
      return undefined;
    const prefixes = arrayStrings(file, some.expression.expression);
    return prefixes && isSelectPrefix(prefixes)
      ? { check: some, subject: callee.expression, prefixes, negated: false }
      : undefined;
  }
  if (name === 'test') {
    const regex = regexOf(file, callee.expression);
    const prefixes = regex && selectRegexPrefixes(regex.source);
    return prefixes ? { check: call, subject: call.arguments[0], prefixes, negated: false } : undefined;
  }
  if (name === 'match') {
    const regex = regexOf(file, call.arguments[0]);
    const prefixes = regex && selectRegexPrefixes(regex.source);
    return prefixes ? { check: call, subject: callee.expression, prefixes, negated: false } : undefined;
  }
  return undefined;
}

/** `x.indexOf('select') === 0`, `x.slice(0, 6) === 'select'`, `x.split(' ')[0] !== 'SELECT'`. */
function prefixCheckOfComparison(file: TsFile, binary: ts.BinaryExpression): PrefixCheck | undefined {
  const operator = binary.operatorToken.kind;
  const negated =
    operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (!negated && operator !== ts.SyntaxKind.EqualsEqualsEqualsToken && operator !== ts.SyntaxKind.EqualsEqualsToken)
    return undefined;
  for (const [one, other] of [
    [binary.left, binary.right],
    [binary.right, binary.left],
  ]) {
    const e = skipOuterExpressions(one);
    const o = skipOuterExpressions(other);
    // x.indexOf('select') === 0
    if (ts.isNumericLiteral(o) && o.text === '0' && ts.isCallExpression(e)) {
      const callee = e.expression;
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'indexOf' || !e.arguments[0]) continue;
      const prefix = staticString(file, e.arguments[0]);
      if (prefix !== undefined && isSelectPrefix([prefix]))
        return { check: binary, subject: callee.expression, prefixes: [prefix], negated };
      continue;
    }
    const text = staticString(file, o);
    if (text === undefined || !isSelectPrefix([text])) continue;
    // The other side must cut a prefix off (an exact comparison with 'select' is no prefix check).
    if (rootOf(e, false) || !rootOf(e, true)) continue;
    return { check: binary, subject: e, prefixes: [text], negated };
  }
  return undefined;
}

/** Where a check decides: an `if`, a `?:`, or an assertion, and whether the check passes on its true side. */
interface Guard {
  host: ts.IfStatement | ts.ConditionalExpression | ts.CallExpression;
  negated: boolean;
  roots: Root[];
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node)
  );
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
  return undefined;
}

/** The name a function is called by: its declaration, the variable or property holding it. */
function functionName(fn: ts.FunctionLikeDeclaration): ts.Identifier | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name))
    return fn.name;
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name;
  return undefined;
}

function guardsOf(file: TsFile, expression: ts.Node, negated: boolean, roots: Root[], depth: number): Guard[] {
  let node: ts.Node = expression;
  let neg = negated;
  for (;;) {
    const parent = node.parent;
    if (!parent) return [];
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      (ts.isBinaryExpression(parent) &&
        (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
          parent.operatorToken.kind === ts.SyntaxKind.BarBarToken))
    ) {
      node = parent;
      continue;
    }
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
      neg = !neg;
      node = parent;
      continue;
    }
    if (ts.isIfStatement(parent) && parent.expression === node) return [{ host: parent, negated: neg, roots }];
    if (ts.isConditionalExpression(parent) && parent.condition === node) return [{ host: parent, negated: neg, roots }];
    if (ts.isCallExpression(parent) && parent.arguments[0] === node && !neg) {
      const callee = skipOuterExpressions(parent.expression);
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      if (/^(?:assert|ok|invariant)$/.test(name)) return [{ host: parent, negated: false, roots }];
      return [];
    }
    if (depth >= 2) return [];
    // const isSelect = sql.startsWith('select'); if (!isSelect) throw …
    if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) {
      const guards: Guard[] = [];
      forEachIdentifier(file, [parent.name.text], (reference) => {
        if (reference !== parent.name && !isMemberName(reference) && file.resolve(reference) === parent)
          guards.push(...guardsOf(file, reference, neg, roots, depth + 1));
      });
      return guards;
    }
    // A helper: function isReadOnly(sql) { return /^\s*select/i.test(sql); }
    const fn = ts.isReturnStatement(parent)
      ? enclosingFunction(parent)
      : ts.isArrowFunction(parent) && parent.body === node
        ? parent
        : undefined;
    if (!fn) return [];
    const name = functionName(fn);
    if (!name) return [];
    const index = fn.parameters.findIndex((p) => roots.some((r) => r.declaration === p));
    const guards: Guard[] = [];
    forEachIdentifier(file, [name.text], (reference) => {
      if (reference === name) return;
      // `this.isSelect(sql)` names a method; `isSelect: true` names nothing.
      if (isMemberName(reference) && !ts.isPropertyAccessExpression(reference.parent)) return;
      const callee: ts.Node =
        ts.isPropertyAccessExpression(reference.parent) && reference.parent.name === reference
          ? reference.parent
          : reference;
      const call = callee.parent;
      if (!ts.isCallExpression(call) || call.expression !== callee) return;
      const argument = index >= 0 ? call.arguments[index] : undefined;
      const callRoots = index < 0 ? roots : argument ? rootsOf(file, argument, false) : [];
      if (callRoots.length > 0) guards.push(...guardsOf(file, call, neg, callRoots, depth + 1));
    });
    return guards;
  }
}

function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && exits(last);
  }
  if (ts.isIfStatement(statement))
    return statement.elseStatement !== undefined && exits(statement.thenStatement) && exits(statement.elseStatement);
  return false;
}

/** The statements after an `if` (after the whole `else if` chain) in its block. */
function restAfter(statement: ts.Statement): ts.Node[] {
  let s: ts.Statement = statement;
  while (ts.isIfStatement(s.parent) && s.parent.elseStatement === s) s = s.parent;
  const parent = s.parent;
  const list =
    ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent)
      ? parent.statements
      : undefined;
  if (!list) return [];
  return list.slice(list.indexOf(s) + 1);
}

/** The code that runs when the check passes, and the code that runs when it fails. */
function pathsOf(guard: Guard): { pass: ts.Node[]; fail: ts.Node[] } | undefined {
  const { host, negated } = guard;
  if (ts.isIfStatement(host)) {
    const otherwise = host.elseStatement
      ? [host.elseStatement]
      : exits(host.thenStatement)
        ? restAfter(host)
        : undefined;
    if (!negated) return { pass: [host.thenStatement], fail: otherwise ?? [] };
    // if (!isSelect) log(…); runs the rest either way.
    if (!otherwise) return undefined;
    return { pass: otherwise, fail: [host.thenStatement] };
  }
  if (ts.isConditionalExpression(host))
    return negated
      ? { pass: [host.whenFalse], fail: [host.whenTrue] }
      : { pass: [host.whenTrue], fail: [host.whenFalse] };
  const statement = enclosingStatementOf(host);
  return statement ? { pass: restAfter(statement), fail: [] } : undefined;
}

function enclosingStatementOf(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node = node; n.parent; n = n.parent)
    if (ts.isBlock(n.parent) || ts.isSourceFile(n.parent) || ts.isCaseClause(n.parent)) return n as ts.Statement;
  return undefined;
}

function callsWithin(file: TsFile, nodes: readonly ts.Node[]): ts.CallExpression[] {
  if (nodes.length === 0) return [];
  return file
    .nodesOfKind(ts.SyntaxKind.CallExpression)
    .filter((c) => nodes.some((n) => c.pos >= n.pos && c.end <= n.end));
}

function usesDriver(file: TsFile): boolean {
  return mentionsModule(file, 'sql-drivers', sqlDrivers);
}

/** A receiver that can be a database handle: made by a SQL driver, or named like one (`db`, `conn`). */
function mayBeDatabase(file: TsFile, receiver: ts.Expression): boolean {
  const creation = creationOf(file, receiver);
  if (creation) return sqlDrivers.includes(creation.module);
  const e = skipOuterExpressions(receiver);
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
  return /(?:^|[a-z_])(?:db|database|conn|connection|client|pool|sqlite|pgp?|knex|trx|tx)$/i.test(name);
}

/** The method name of a call that runs SQL (`pool.query(…)`, `db.prepare(…)`), if it is one. */
function runMethodOf(file: TsFile, call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.name.text;
  if (ts.isRegularExpressionLiteral(skipOuterExpressions(callee.expression))) return undefined;
  if (sqlRunMethods.has(name)) return name;
  return driverRunMethods.has(name) && usesDriver(file) && mayBeDatabase(file, callee.expression) ? name : undefined;
}

/** A call in `nodes` that runs one of `roots` as SQL, with the SQL it runs. */
function queryOf(
  file: TsFile,
  nodes: readonly ts.Node[],
  roots: readonly Root[],
): { call: ts.CallExpression; sql: ts.Expression } | undefined {
  for (const call of callsWithin(file, nodes)) {
    if (!runMethodOf(file, call) || call.arguments.length === 0) continue;
    let sql: ts.Expression | undefined = skipOuterExpressions(call.arguments[0]);
    if (ts.isObjectLiteralExpression(sql)) {
      // pool.query({ text: sql, values })
      const property = sql.properties.find(
        (p) => p.name && ts.isIdentifier(p.name) && (p.name.text === 'text' || p.name.text === 'sql'),
      );
      sql =
        property && ts.isPropertyAssignment(property)
          ? property.initializer
          : property && ts.isShorthandPropertyAssignment(property)
            ? property.name
            : undefined;
    }
    if (sql && sharesRoot(rootsOf(file, sql, false), roots)) return { call, sql };
  }
  return undefined;
}

const readOnlyTransaction = /\b(?:begin|start|set)\s+(?:transaction\s+)?read\s+only\b/i;

/** Whether `body` runs a literal `BEGIN TRANSACTION READ ONLY` (or SET/START) before `before`. */
function opensReadOnlyTransaction(file: TsFile, body: ts.Node, before: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.pos >= before.pos) return;
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const text = staticString(file, node.arguments[0]);
      if (text !== undefined && readOnlyTransaction.test(text)) {
        found = true;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

const readOnlyEvidence =
  /transaction\s+read\s+only|begin\s+read\s+only|default_transaction_read_only|transaction_read_only|query_only|\bmode=ro\b|set\s+(?:local\s+)?role\s+\w*read|\bread[oO]nly\s*:\s*true\b|\bOPEN_READONLY\b/gi;

/** Whether the file opens a read-only connection or transaction somewhere (not in a comment). */
function hasReadOnlyEvidence(file: TsFile): boolean {
  return file.cached('sql-read-only-evidence', (f) => {
    const pattern = new RegExp(readOnlyEvidence.source, readOnlyEvidence.flags);
    for (let m = pattern.exec(f.text); m; m = pattern.exec(f.text)) if (!f.isInComment(m.index)) return true;
    return false;
  });
}

/** An allow-list of exact queries (`ALLOWED.has(sql)`) or a parser (`parser.astify(sql)`) that also looks at the SQL. */
function checkedOtherwise(file: TsFile, scope: ts.Node, roots: readonly Root[]): boolean {
  const parsers = mentionsModule(file, 'sql-parsers', sqlParsers);
  for (const call of callsWithin(file, [scope])) {
    const callee = skipOuterExpressions(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const membership = /^(?:has|includes|indexOf)$/.test(name) && ts.isPropertyAccessExpression(callee);
    const parser =
      /^(?:astify|whiteListCheck)$/.test(name) || (parsers && /^(?:parse|parseFirst|tableList|sqlify)$/.test(name));
    if (!membership && !parser) continue;
    if (membership && sharesRoot(rootsOf(file, (callee as ts.PropertyAccessExpression).expression, false), roots))
      continue; // sql.includes(';') looks inside the SQL, it is no allow-list
    if (call.arguments.some((a) => sharesRoot(rootsOf(file, a, false), roots))) return true;
  }
  return false;
}

interface Family {
  severity?: Exclude<Severity, 'hint'>;
  message: (subject: string, runner: string, cte: string) => string;
}

function familyOf(file: TsFile, method: string): Family {
  const modules = importedModules(file);
  const drivers = sqlDrivers.filter((d) => modules.has(d));
  const sqliteRemedy =
    'Open the database read-only (better-sqlite3: readonly: true; sqlite3: OPEN_READONLY) or set PRAGMA query_only = ON.';
  if (drivers.length > 0 && drivers.every((d) => sqliteDrivers.has(d)))
    return method === 'exec' || method === 'executeMultiple'
      ? {
          message: (subject, runner) =>
            `Only a SELECT prefix check keeps '${subject}' read-only before ${runner} runs it, and ${method}() runs every statement: 'SELECT 1; DROP TABLE users' passes. ${sqliteRemedy}`,
        }
      : {
          severity: 'info',
          message: (subject, runner) =>
            `Only a SELECT prefix check keeps '${subject}' read-only before ${runner} runs it. SQLite runs one statement there, but a prefix is no read-only guarantee. ${sqliteRemedy}`,
        };
  if (
    drivers.length > 0 &&
    drivers.every((d) => mysqlDrivers.has(d)) &&
    !/multipleStatements\s*:\s*true/.test(file.text)
  )
    return {
      severity: 'info',
      message: (subject, runner) =>
        `Only a SELECT prefix check keeps '${subject}' read-only before ${runner} runs it: SELECT … INTO OUTFILE writes files and SELECT … FOR UPDATE takes locks. Run it after START TRANSACTION READ ONLY, or as a read-only database user.`,
    };
  return {
    message: (subject, runner, cte) =>
      `Only a SELECT prefix check keeps '${subject}' read-only before ${runner} runs it: 'SELECT 1; DROP TABLE users'${cte}, SELECT … INTO and side-effecting functions pass it. Run it in a read-only transaction (BEGIN TRANSACTION READ ONLY, or SET TRANSACTION READ ONLY first) or as a read-only database role.`,
  };
}

/**
 * Whether the file writes SELECT where a prefix check would: after a quote ('SELECT', a list of
 * prefixes) or in a pattern (`/^\s*select/i`, `/^(?:select|with)/`, `/^\s+select/`). Words such as
 * `selectedItem` or `querySelector` do not count: most files never get past this.
 */
function quickTest(file: TsFile): boolean {
  return file.cached('mentions-select', (f) => /['"`^(*|:+]\s*select\b/i.test(f.text));
}

export const sqlReadonlyByPrefix: TsRule = {
  id: 'ts/sql-readonly-by-prefix',
  language: 'typescript',
  meta: {
    title: 'SQL kept read-only by a SELECT prefix check',
    summary:
      "any SQL run once it `startsWith('select')` or matches `/^\\s*select/i`, or in a pg read-only transaction it can `COMMIT`",
    severity: 'warning',
    guideSection: 'Input Validation › Sanitize inputs (beyond: read-only query tools)',
    checklistItem: 'input-validation',
    description:
      'A tool or endpoint that should only read lets any SQL through that begins with SELECT, then runs it. The prefix says nothing about the rest: `SELECT 1; DROP TABLE users` passes, so do `SELECT … INTO new_table` and side-effecting functions, and with WITH allowed too a writing CTE (`WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d`). A model steered by prompt injection will find the way through.',
    remedy:
      "Let the database enforce it: a read-only role; a read-only transaction (BEGIN TRANSACTION READ ONLY) with the query sent as one statement (pg: { text, queryMode: 'extended' }, or COMMIT in the text ends it); for SQLite a readonly connection or PRAGMA query_only.",
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    const seen = new Set<ts.Node>();
    const consider = (found: PrefixCheck | undefined): void => {
      if (!found || seen.has(found.check)) return;
      seen.add(found.check);
      const roots = rootsOf(file, found.subject, true);
      if (roots.length === 0 || hasReadOnlyEvidence(file)) return;
      const checkScope = enclosingFunction(found.check) ?? file.sourceFile;
      for (const guard of guardsOf(file, found.check, found.negated, roots, 0)) {
        const paths = pathsOf(guard);
        if (!paths) continue;
        // Both ways run SQL: the check picks how to run it (all() or run()), it guards nothing.
        if (callsWithin(file, paths.fail).some((c) => runMethodOf(file, c))) continue;
        const query = queryOf(file, paths.pass, guard.roots);
        if (!query) continue;
        const scope = enclosingFunction(guard.host) ?? file.sourceFile;
        if (checkedOtherwise(file, scope, guard.roots) || checkedOtherwise(file, checkScope, roots)) continue;
        const method = runMethodOf(file, query.call)!;
        const family = familyOf(file, method);
        const callee = query.call.expression.getText(file.sourceFile);
        const subject = shorten(query.sql.getText(file.sourceFile), 30);
        const cte = found.prefixes.some((p) => p.trim().toLowerCase() === 'with')
          ? ', a writing CTE (WITH d AS (DELETE … RETURNING *) SELECT …)'
          : '';
        context.report({
          start: file.start(found.check),
          end: found.check.end,
          message: family.message(subject, shorten(callee, 30), cte),
          severity: family.severity,
        });
        return;
      }
    };
    /**
     * `BEGIN TRANSACTION READ ONLY`, then the caller's SQL as the only argument of pg's query():
     * pg's simple protocol runs every statement of the text, so `COMMIT; DROP TABLE users` ends
     * the read-only transaction and writes.
     */
    const inReadOnlyTransaction = (call: ts.CallExpression): void => {
      const callee = skipOuterExpressions(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'query' || call.arguments.length !== 1) return;
      if (!importedModules(file).has('pg') || !readOnlyTransaction.test(file.text)) return;
      const sql = call.arguments[0];
      if (isConstant(file, sql) || ts.isObjectLiteralExpression(skipOuterExpressions(sql))) return;
      const scope = enclosingFunction(call);
      if (!scope?.body || !opensReadOnlyTransaction(file, scope.body, call)) return;
      const taint = sinkTaint(file, sql, 'plain', call);
      if (!taint) return;
      context.report({
        start: file.start(sql),
        end: sql.end,
        message: `The SQL from ${describeTaint(taint)} runs in a read-only transaction it can end itself: pg sends the text with the simple protocol, which runs every statement, so 'COMMIT; DROP TABLE users' commits and then writes. Send it as one statement ({ text, queryMode: 'extended' }) and connect as a read-only role.`,
        fixes: [
          {
            title: "Send it with the extended protocol (one statement: queryMode: 'extended')",
            kind: 'suggestion',
            edits: [
              {
                start: file.start(sql),
                end: sql.end,
                newText: `{ text: ${file.textOf(sql)}, queryMode: ${file.quote}extended${file.quote} }`,
              },
            ],
          },
        ],
        ...flowOf(taint),
      });
    };
    return {
      calls: { names: new Set(['startsWith', 'test', 'match', 'query']) },
      [ts.SyntaxKind.CallExpression]: (call) => {
        inReadOnlyTransaction(call);
        if (!quickTest(file)) return;
        consider(prefixCheckOfCall(file, call));
      },
      [ts.SyntaxKind.BinaryExpression]: (binary) => {
        const kind = binary.operatorToken.kind;
        if (
          kind !== ts.SyntaxKind.EqualsEqualsEqualsToken &&
          kind !== ts.SyntaxKind.ExclamationEqualsEqualsToken &&
          kind !== ts.SyntaxKind.EqualsEqualsToken &&
          kind !== ts.SyntaxKind.ExclamationEqualsToken
        )
          return;
        if (!quickTest(file)) return;
        consider(prefixCheckOfComparison(file, binary));
      },
    };
  },
};
