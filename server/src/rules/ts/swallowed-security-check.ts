// A security check swallowed by its own catch: `throw new Error('Access denied…')` inside a try
// whose catch recovers as if nothing was wrong (returns the input, validates something weaker,
// or goes on with the code after the try). The denial never reaches the caller: the check only
// runs on the path where it passes.
import ts from 'typescript';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import { shorten } from '../../core/text';
import {
  constInitializer,
  propertyNameText,
  skipOuterExpressions,
  staticString,
} from '../../languages/typescript/values';

/** Messages that say "no": a denied access, a path outside its root, a bad credential. */
const denialMessage =
  /\b(?:access (?:is )?denied|permission denied|not permitted|forbidden|unauthori[sz]ed|not authori[sz]ed|outside (?:of )?(?:the )?(?:allowed|permitted)|(?:path|directory) traversal|invalid (?:api[ -]?key|token|signature|credentials?)|insufficient (?:permissions?|privileges|scopes?)|not allowed to)\b/i;
/** "<what> … not allowed": the subject, looked for in the words just before "not allowed". */
const deniedSubject =
  /\b(?:path|file|folder|director|host|domain|url|origin|command|operation|access|tool|user|scheme|protocol|extension)/i;

/** A message that says "no" (see denialMessage), or names what is "not allowed" just before it. */
function deniesIn(text: string): string | undefined {
  const match = denialMessage.exec(text);
  if (match) return match[0];
  for (let at = text.search(/\bnot allowed\b/i); at >= 0;) {
    const before = text.slice(Math.max(0, at - 48), at);
    const sentence = before.slice(before.lastIndexOf('.') + 1);
    if (deniedSubject.test(sentence)) return text.slice(at - sentence.length, at + 11);
    const next = text.slice(at + 11).search(/\bnot allowed\b/i);
    at = next < 0 ? -1 : at + 11 + next;
  }
  return undefined;
}
/** Error classes that are denials by name. */
const denialClass =
  /^(?:AccessDenied|Forbidden|Unauthori[sz]ed|NotAuthori[sz]ed|PermissionDenied|Permission|NotAllowed|PathTraversal|Traversal|InvalidToken|Authori[sz]ation|Authentication|Security)(?:Error|Exception)$/;
/** `Boom.forbidden()`, `createError.Forbidden()`, `httpErrors.Unauthorized()`. */
const denialFactory = /^(?:forbidden|unauthori[sz]ed)$/i;
/** Callees whose numeric 401/403 argument is an HTTP denial: `createError(403)`, `new HttpError(401, …)`. */
const statusCallee = /error|exception|http/i;

/** Names of calls the catch uses to hand the error on or answer with a failure. */
const propagates = /^(?:next|reject|callback|cb|done|fail|abort|deny)$/;
const respondsWithFailure =
  /^(?:send|respond|reply|return|handle|write|render)(?:Error|Failure|Forbidden|Unauthori[sz]ed|Denied)/i;
/** A returned call that is a failure by its name: `return errorResult(…)`, `return Promise.reject(e)`. */
const failureName = /error|fail|deny|denied|reject|forbid|unauthori|abort/i;
/** Words of a failure result: `{ status: 'error' }`, `return 'Access denied'`. */
const failureWord = /error|fail|denied|forbidden|unauthori[sz]ed|invalid|not allowed|rejected/i;
/** Calls that only log: the error is written down for people, not for the code after the try. */
const logging = /^(?:console|logger|log|debug|trace|warn|error|info|verbose|fatal)$/i;
const failureFlags = new Set(['ok', 'success', 'allowed', 'valid', 'authorized', 'authorised', 'granted', 'permitted']);

function calleeName(expression: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expression);
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** The literal text of a message argument: strings, and the fixed parts of templates and concatenations. */
function literalParts(file: TsFile, expression: ts.Expression): string {
  const e = skipOuterExpressions(expression);
  const text = staticString(file, e);
  if (text !== undefined) return text;
  if (ts.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return `${literalParts(file, e.left)} ${literalParts(file, e.right)}`;
  return '';
}

/** What the thrown value says, if it is a denial: its class, or the start of its message. */
function denial(file: TsFile, thrown: ts.NewExpression | ts.CallExpression): string | undefined {
  const name = calleeName(thrown.expression);
  if (!name) return undefined;
  if (denialClass.test(name) || denialFactory.test(name)) return name;
  const args = thrown.arguments ?? [];
  if (
    statusCallee.test(name) &&
    args.some((a) => {
      const v = skipOuterExpressions(a);
      return ts.isNumericLiteral(v) && (v.text === '401' || v.text === '403');
    })
  )
    return name;
  for (const argument of args) {
    const text = literalParts(file, argument);
    const match = deniesIn(text);
    if (match) return shorten(text.trim() || match);
  }
  return undefined;
}

/** The try statement whose catch receives a throw at `node`, if the throw is in a try block with a catch. */
function catchingTry(node: ts.Node): ts.TryStatement | undefined {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isFunctionLike(parent) || ts.isClassLike(parent) || ts.isSourceFile(parent)) return undefined;
    if (ts.isTryStatement(parent) && parent.tryBlock === current && parent.catchClause) return parent;
  }
  return undefined;
}

interface Outcome {
  /** Whether control can reach the end. */
  completes: boolean;
  /** The first return of a success value that no check of the caught error guards. */
  success?: ts.ReturnStatement;
  /** A check of the caught error that left the block: what follows runs only for other errors. */
  guardsRest?: boolean;
  /** The catch wrote the failure down (`ok = false`, `errors.push(e)`) for the code after the try to act on. */
  recorded?: boolean;
}

class CatchAnalysis {
  constructor(
    private readonly file: TsFile,
    private readonly clause: ts.CatchClause,
  ) {}

  /** Whether the expression refers to the caught error. */
  mentionsError(node: ts.Node): boolean {
    const declaration = this.clause.variableDeclaration;
    if (!declaration) return false;
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(n)) {
        const resolved = this.file.resolve(n);
        if (resolved && resolved.pos >= declaration.pos && resolved.end <= declaration.end) found = true;
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  }

  /** An object literal that reads as a failure: `{ isError: true }`, `{ ok: false }`, `{ error: … }`, `{ status: 403 }`. */
  private failureObject(object: ts.ObjectLiteralExpression): boolean {
    return object.properties.some((p) => {
      const name = p.name && propertyNameText(p.name);
      if (!name) return false;
      if (name === 'error' || name === 'errors') return true;
      if (!ts.isPropertyAssignment(p)) return false;
      const value = skipOuterExpressions(p.initializer);
      if (ts.isStringLiteralLike(value) && failureWord.test(value.text)) return true;
      if (name === 'isError') return value.kind === ts.SyntaxKind.TrueKeyword;
      if (failureFlags.has(name)) return value.kind === ts.SyntaxKind.FalseKeyword;
      if (name === 'status' || name === 'statusCode') return ts.isNumericLiteral(value) && Number(value.text) >= 400;
      return false;
    });
  }

  /** Whether an expression answers with a failure or hands the error on (`res.status(403)…`, `next(err)`, `{ isError: true }`). */
  failureExpression(expression: ts.Expression, returned: boolean): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found || ts.isFunctionLike(node)) return;
      if (ts.isObjectLiteralExpression(node) && this.failureObject(node)) {
        found = true;
        return;
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const name = calleeName(node.expression);
        const args = node.arguments ?? [];
        const first = args[0] && skipOuterExpressions(args[0]);
        if (
          name &&
          ['status', 'code', 'sendStatus', 'writeHead'].includes(name) &&
          first &&
          ts.isNumericLiteral(first) &&
          Number(first.text) >= 400
        )
          found = true;
        else if (name && propagates.test(name) && args.some((a) => this.mentionsError(a))) found = true;
        else if (name && respondsWithFailure.test(name)) found = true;
        else if (returned && name && failureName.test(name)) found = true;
        else if (
          name === 'exit' &&
          ts.isPropertyAccessExpression(skipOuterExpressions(node.expression)) &&
          this.file.textOf(node.expression) === 'process.exit'
        )
          found = true;
        if (found) return;
      }
      ts.forEachChild(node, visit);
    };
    visit(expression);
    return found;
  }

  /** `ok = false`, `state.error = e`, `errors.push(e)`: the failure kept for the code after the try. */
  private records(expression: ts.Expression): boolean {
    const e = skipOuterExpressions(expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const value = skipOuterExpressions(e.right);
      return (
        value.kind === ts.SyntaxKind.FalseKeyword ||
        value.kind === ts.SyntaxKind.TrueKeyword ||
        this.mentionsError(value) ||
        (ts.isStringLiteralLike(value) && failureWord.test(value.text))
      );
    }
    if (ts.isCallExpression(e) && e.arguments.some((a) => this.mentionsError(a))) {
      const callee = skipOuterExpressions(e.expression);
      const names = ts.isPropertyAccessExpression(callee)
        ? [callee.name.text, ts.isIdentifier(callee.expression) ? callee.expression.text : '']
        : [calleeName(callee) ?? ''];
      return !names.some((n) => logging.test(n));
    }
    return false;
  }

  /** Whether a returned value is a failure: nothing, false/null/undefined, the error itself, a failure result. */
  private failureReturn(expression: ts.Expression | undefined): boolean {
    if (!expression) return true;
    const e = skipOuterExpressions(expression);
    if (ts.isStringLiteralLike(e) && failureWord.test(e.text)) return true;
    if (
      e.kind === ts.SyntaxKind.FalseKeyword ||
      e.kind === ts.SyntaxKind.NullKeyword ||
      ts.isVoidExpression(e) ||
      (ts.isIdentifier(e) && e.text === 'undefined')
    )
      return true;
    if (this.mentionsError(e)) return true;
    return this.failureExpression(e, true);
  }

  statements(statements: readonly ts.Statement[], guarded: boolean): Outcome {
    let success: ts.ReturnStatement | undefined;
    let recorded = false;
    let g = guarded;
    for (const statement of statements) {
      const outcome = this.statement(statement, g);
      success ??= outcome.success;
      recorded ||= outcome.recorded === true;
      if (outcome.guardsRest) g = true;
      if (!outcome.completes) return { completes: false, success, recorded };
    }
    return { completes: true, success, recorded };
  }

  statement(statement: ts.Statement, guarded: boolean): Outcome {
    if (ts.isBlock(statement)) return this.statements(statement.statements, guarded);
    if (ts.isReturnStatement(statement))
      return {
        completes: false,
        success: guarded || this.failureReturn(statement.expression) ? undefined : statement,
      };
    if (ts.isThrowStatement(statement) || ts.isBreakOrContinueStatement(statement)) return { completes: false };
    if (ts.isExpressionStatement(statement))
      return {
        completes: !this.failureExpression(statement.expression, false),
        recorded: this.records(statement.expression),
      };
    if (ts.isIfStatement(statement)) {
      const checksError = this.mentionsError(statement.expression);
      const g = guarded || checksError;
      const then = this.statement(statement.thenStatement, g);
      const otherwise = statement.elseStatement ? this.statement(statement.elseStatement, g) : { completes: true };
      return {
        completes: then.completes || otherwise.completes,
        success: then.success ?? otherwise.success,
        guardsRest: checksError && (!then.completes || !otherwise.completes),
        recorded: then.recorded === true || otherwise.recorded === true,
      };
    }
    if (ts.isTryStatement(statement)) {
      const body = this.statement(statement.tryBlock, guarded);
      const recovery = statement.catchClause
        ? this.statement(statement.catchClause.block, guarded)
        : { completes: false };
      const last = statement.finallyBlock ? this.statement(statement.finallyBlock, guarded) : undefined;
      return {
        completes: (body.completes || recovery.completes) && (last?.completes ?? true),
        success: body.success ?? recovery.success ?? last?.success,
        recorded: body.recorded === true || recovery.recorded === true,
      };
    }
    if (ts.isIterationStatement(statement, false)) {
      const body = this.statement(statement.statement, guarded);
      return { completes: true, success: body.success };
    }
    if (ts.isSwitchStatement(statement)) {
      const g = guarded || this.mentionsError(statement.expression);
      let success: ts.ReturnStatement | undefined;
      for (const clause of statement.caseBlock.clauses) success ??= this.statements(clause.statements, g).success;
      return { completes: true, success };
    }
    if (ts.isLabeledStatement(statement)) return this.statement(statement.statement, guarded);
    return { completes: true };
  }
}

/** The statements that run after `statement` in its block, if any. */
function hasFollowingStatement(statement: ts.Statement): boolean {
  const parent = statement.parent;
  if (!ts.isBlock(parent) && !ts.isSourceFile(parent) && !ts.isModuleBlock(parent) && !ts.isCaseClause(parent))
    return false;
  const list = parent.statements;
  const index = list.indexOf(statement);
  return index >= 0 && index < list.length - 1;
}

/** Whether the returned value is the function's input: a parameter, or a constant made from one (`path.resolve(p)`). */
function returnsInput(file: TsFile, expression: ts.Expression, fn: ts.SignatureDeclaration | undefined): boolean {
  if (!fn) return false;
  const isParameter = (identifier: ts.Identifier): boolean => {
    const declaration = file.resolve(identifier);
    return (
      declaration !== undefined &&
      (ts.isParameter(declaration) || ts.isBindingElement(declaration)) &&
      fn.parameters.some((p) => declaration.pos >= p.pos && declaration.end <= p.end)
    );
  };
  const mentionsParameter = (node: ts.Node): boolean =>
    ts.isIdentifier(node)
      ? isParameter(node)
      : !ts.isFunctionLike(node) && (ts.forEachChild(node, mentionsParameter) ?? false);
  let e = skipOuterExpressions(expression);
  for (let depth = 0; depth < 4 && ts.isIdentifier(e); depth++) {
    if (isParameter(e)) return true;
    const init = constInitializer(file, e);
    if (!init) return false;
    e = skipOuterExpressions(init);
    if (!ts.isIdentifier(e)) return mentionsParameter(e);
  }
  return false;
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return current;
  return undefined;
}

export const swallowedSecurityCheck: TsRule = {
  id: 'ts/swallowed-security-check',
  language: 'typescript',
  meta: {
    title: 'Security check swallowed by its own catch',
    summary: "a denial (`throw new Error('Access denied…')`) caught by a catch that goes on as if it had passed",
    severity: 'warning',
    guideSection: 'Access Controls (beyond)',
    checklistItem: 'access-controls',
    description:
      'A check throws a denial (access denied, path outside the allowed directories, invalid token) inside a try whose catch was written for another failure (a file that does not exist yet, a network error) and recovers: it returns the input, validates something weaker, or goes on with the code after the try. The denial never reaches the caller, so the check only stops requests that would have passed anyway. Path validators of MCP file servers have shipped with exactly this bypass.',
    remedy:
      'Rethrow the denial from the catch (`if (e instanceof AccessDeniedError) throw e`, or recover only for the error code you expect), or move the check out of the try.',
  },
  create(context) {
    const { file } = context;
    const check = (thrown: ts.NewExpression | ts.CallExpression): void => {
      let statement: ts.Node = thrown;
      while (ts.isParenthesizedExpression(statement.parent)) statement = statement.parent;
      if (!ts.isThrowStatement(statement.parent) || statement.parent.expression !== statement) return;
      const throwStatement = statement.parent;
      const tryStatement = catchingTry(throwStatement);
      if (!tryStatement?.catchClause) return;
      const what = denial(file, thrown);
      if (!what) return;
      const clause = tryStatement.catchClause;
      const analysis = new CatchAnalysis(file, clause);
      const outcome = analysis.statements(clause.block.statements, false);
      const goesOn = outcome.completes && !outcome.recorded && hasFollowingStatement(tryStatement);
      if (!outcome.success && !goesOn) return;
      const line = file.sourceFile.getLineAndCharacterOfPosition(file.start(clause)).line + 1;
      const returned = outcome.success?.expression;
      const how = returned ? `returns \`${shorten(file.textOf(returned))}\`` : 'goes on with the code after the try';
      const input = returned !== undefined && returnsInput(file, returned, enclosingFunction(tryStatement));
      context.report({
        start: file.start(thrown),
        end: thrown.end,
        severity: input ? 'error' : 'warning',
        message: `'${what}' is thrown inside a try whose catch (line ${line}) ${how} without rethrowing it: the denial never reaches the caller${input ? ', who gets back the input the check refused' : ''}. Rethrow it from the catch (check the error's type or code before recovering) or move the check out of the try.`,
      });
    };
    return {
      calls: {
        names: new Set([
          'Error',
          'TypeError',
          'RangeError',
          'createError',
          'createHttpError',
          'forbidden',
          'unauthorized',
          'Forbidden',
          'Unauthorized',
        ]),
      },
      [ts.SyntaxKind.NewExpression]: (node) => {
        if (node.parent.kind === ts.SyntaxKind.ThrowStatement || ts.isParenthesizedExpression(node.parent)) check(node);
      },
      [ts.SyntaxKind.CallExpression]: (node) => {
        if (node.parent.kind === ts.SyntaxKind.ThrowStatement || ts.isParenthesizedExpression(node.parent)) check(node);
      },
    };
  },
};
