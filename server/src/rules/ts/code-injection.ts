// Strings run as code: eval, new Function, the vm module, setTimeout/setInterval with a string,
// and the libraries that promise a sandbox and do not keep it (vm2, safe-eval, safer-eval).
// Whoever controls the string controls the process. Code the server builds from numbers and
// JSON-quoted values is not injectable; code of unknown origin is a warning that says so.
import ts from 'typescript';
import type { TsFile } from '../../languages/typescript/file';
import {
  bindingOfIdentifier,
  creationOf,
  mayBeMember,
  memberAliases,
  mentionsModule,
  moduleMemberOf,
  namesReaching,
} from '../../languages/typescript/modules';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';
import {
  describeSource,
  describeTaint,
  flowOf,
  isDeferred,
  localFlow,
  sinkTaint,
  sourceRelated,
  taintOf,
} from '../../knowledge/taint';
import {
  constInitializer,
  isConstant,
  isNumericCoercion,
  propertyNameText,
  skipOuterExpressions,
} from '../../languages/typescript/values';

const vmModules = ['vm'];
const globalEvaluators: ReadonlySet<string> = new Set(['eval', 'Function', 'setTimeout', 'setInterval']);
const vmFunctions = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction', 'Script']);
/** Sandboxes with known, unfixed escapes: their `run`/call is eval with extra steps. */
const sandboxModules = ['vm2', 'safe-eval', 'safer-eval'];
const vm2Classes = new Set(['VM', 'NodeVM']);
const mathModules = ['mathjs'];
const mathFunctions: ReadonlySet<string> = new Set(['evaluate', 'compile', 'parse']);

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

// ——— Code the server generates: numbers, constants, JSON-quoted values in code position ———

// Built on first use: a module-level use of `ts` loads the compiler in every bundle that imports
// the rules, the CLI's and the server's main threads included.
let arithmeticOperatorSet: ReadonlySet<ts.SyntaxKind> | undefined;
const arithmeticOperators = (): ReadonlySet<ts.SyntaxKind> =>
  (arithmeticOperatorSet ??= new Set([
    ts.SyntaxKind.MinusToken,
    ts.SyntaxKind.AsteriskToken,
    ts.SyntaxKind.SlashToken,
    ts.SyntaxKind.PercentToken,
    ts.SyntaxKind.AsteriskAsteriskToken,
    ts.SyntaxKind.AmpersandToken,
    ts.SyntaxKind.BarToken,
    ts.SyntaxKind.CaretToken,
    ts.SyntaxKind.LessThanLessThanToken,
    ts.SyntaxKind.GreaterThanGreaterThanToken,
    ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  ]));

const MAX_DEPTH = 6;

/** `crypto.randomInt(…)`, `randomInt(…)` of crypto, `Date.now()`, `performance.now()`: numbers. */
function isNumberCall(file: TsFile, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  const member = moduleMemberOf(file, callee);
  if (member && member.module === 'crypto' && member.member === 'randomInt') return true;
  if (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    file.resolve(callee.expression) === undefined
  ) {
    const object = callee.expression.text;
    const name = callee.name.text;
    if ((object === 'Date' || object === 'performance') && name === 'now') return true;
    if (object === 'crypto' && name === 'randomInt') return true;
  }
  return false;
}

/** An expression whose value is a number (or its digits) whatever the inputs: it cannot carry code. */
function isNumeric(file: TsFile, expression: ts.Expression, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = skipOuterExpressions(expression);
  if (ts.isNumericLiteral(e) || ts.isBigIntLiteral(e)) return true;
  if (isNumericCoercion(e)) return true;
  if (ts.isBinaryExpression(e)) {
    if (arithmeticOperators().has(e.operatorToken.kind)) return true;
    if (e.operatorToken.kind === ts.SyntaxKind.PlusToken)
      return isNumeric(file, e.left, depth + 1) && isNumeric(file, e.right, depth + 1);
    return false;
  }
  if (ts.isConditionalExpression(e))
    return isNumeric(file, e.whenTrue, depth + 1) && isNumeric(file, e.whenFalse, depth + 1);
  if (ts.isCallExpression(e)) {
    if (isNumberCall(file, e)) return true;
    // n.toFixed(2), n.toString(36), String(n): the digits (and letters) of a number.
    const callee = skipOuterExpressions(e.expression);
    if (
      ts.isPropertyAccessExpression(callee) &&
      ['toFixed', 'toString', 'toPrecision', 'toExponential'].includes(callee.name.text)
    )
      return isNumeric(file, callee.expression, depth + 1);
    if (ts.isIdentifier(callee) && callee.text === 'String' && e.arguments.length === 1)
      return file.resolve(callee) === undefined && isNumeric(file, e.arguments[0], depth + 1);
    return false;
  }
  if (ts.isIdentifier(e)) {
    const init = constInitializer(file, e);
    return init !== undefined && isNumeric(file, init, depth + 1);
  }
  return false;
}

/** `JSON.stringify(x)`: a JSON text, which is a JavaScript literal wherever an expression can stand. */
function jsonArgument(file: TsFile, expression: ts.Expression): ts.Expression | undefined {
  const e = skipOuterExpressions(expression);
  if (!ts.isCallExpression(e) || e.arguments.length === 0) return undefined;
  const callee = skipOuterExpressions(e.expression);
  if (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'stringify' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'JSON' &&
    file.resolve(callee.expression) === undefined
  )
    return e.arguments[0];
  return undefined;
}

type LexState = 'code' | 'single' | 'double' | 'template' | 'line' | 'block';

/** Where generated code stands after `text`, from `state`: in code, in a string, or in a comment. */
function lex(state: LexState, text: string): LexState {
  let s = state;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    switch (s) {
      case 'code':
        if (c === "'") s = 'single';
        else if (c === '"') s = 'double';
        else if (c === '`') s = 'template';
        else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
          s = text[i + 1] === '/' ? 'line' : 'block';
          i++;
        }
        break;
      case 'single':
      case 'double':
      case 'template':
        if (c === '\\') i++;
        else if ((s === 'single' && c === "'") || (s === 'double' && c === '"') || (s === 'template' && c === '`'))
          s = 'code';
        break;
      case 'line':
        if (c === '\n' || c === '\r') s = 'code';
        break;
      case 'block':
        if (c === '*' && text[i + 1] === '/') {
          s = 'code';
          i++;
        }
        break;
    }
  }
  return s;
}

/** The pieces of a template or `+` chain, in order: literal text or a spliced expression. */
function pieces(expression: ts.Expression): Array<string | ts.Expression> | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isTemplateExpression(e)) {
    const out: Array<string | ts.Expression> = [e.head.text];
    for (const span of e.templateSpans) out.push(span.expression, span.literal.text);
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = pieces(e.left) ?? [skipOuterExpressions(e.left)];
    const right = pieces(e.right) ?? [skipOuterExpressions(e.right)];
    return [...left, ...right].map((p) => (typeof p !== 'string' && ts.isStringLiteralLike(p) ? p.text : p));
  }
  return undefined;
}

interface Generated {
  /** Whether the code is made only of constants, numbers and JSON-quoted values in code position. */
  generated: boolean;
  /** A JSON-quoted value the caller controls, right after `import(` or `require(`. */
  moduleSpecifier?: ts.Expression;
}

/** Whether the server builds this code itself: nothing a caller sends can become code in it. */
function generatedCode(file: TsFile, expression: ts.Expression, depth = 0): Generated {
  if (depth > MAX_DEPTH) return { generated: false };
  const e = skipOuterExpressions(expression);
  if (isConstant(file, e) || isNumeric(file, e, depth)) return { generated: true };
  if (jsonArgument(file, e)) return { generated: true };
  if (ts.isConditionalExpression(e)) {
    const a = generatedCode(file, e.whenTrue, depth + 1);
    const b = generatedCode(file, e.whenFalse, depth + 1);
    return { generated: a.generated && b.generated, moduleSpecifier: a.moduleSpecifier ?? b.moduleSpecifier };
  }
  if (ts.isIdentifier(e)) {
    const init = constInitializer(file, e);
    return init ? generatedCode(file, init, depth + 1) : { generated: false };
  }
  // OPERATORS[randomInt(3)]: an element of a constant array, picked by a number.
  if (ts.isElementAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const init = constInitializer(file, e.expression);
    const array = init && skipOuterExpressions(init);
    return {
      generated:
        array !== undefined &&
        ts.isArrayLiteralExpression(array) &&
        array.elements.every((element) => isConstant(file, element)) &&
        isNumeric(file, e.argumentExpression, depth + 1),
    };
  }
  const parts = pieces(e);
  if (!parts) return { generated: false };
  let state: LexState = 'code';
  let before = '';
  let moduleSpecifier: ts.Expression | undefined;
  for (const part of parts) {
    if (typeof part === 'string') {
      state = lex(state, part);
      before += part;
      continue;
    }
    const json = jsonArgument(file, part);
    if (json) {
      // Quoted JSON is a literal in code; inside a string of the generated code its quotes end it.
      if (state !== 'code') return { generated: false };
      if (/\b(?:import|require)\s*\(\s*$/.test(before) && !isConstant(file, json)) moduleSpecifier ??= json;
      before += '0';
      continue;
    }
    const inner = generatedCode(file, part, depth + 1);
    if (!inner.generated) return { generated: false };
    moduleSpecifier ??= inner.moduleSpecifier;
    // A constant spliced in is code text of its own; a number is digits.
    const text = isConstant(file, part) ? constantText(file, part) : '0';
    if (text === undefined) return { generated: false };
    state = lex(state, text);
    before += text;
  }
  return { generated: true, moduleSpecifier };
}

function constantText(file: TsFile, expression: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isNumericLiteral(e)) return e.text;
  if (e.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (e.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (e.kind === ts.SyntaxKind.NullKeyword) return 'null';
  if (ts.isIdentifier(e)) {
    const init = constInitializer(file, e);
    return init ? constantText(file, init) : e.text === 'undefined' ? 'undefined' : undefined;
  }
  const parts = pieces(e);
  if (!parts) return undefined;
  let out = '';
  for (const part of parts) {
    const text = typeof part === 'string' ? part : constantText(file, part);
    if (text === undefined) return undefined;
    out += text;
  }
  return out;
}

// ——— The sinks ———

/** `math.evaluate`, `evaluate` of mathjs, `create(all).evaluate`: the mathjs expression parser. */
function isMathjsCall(file: TsFile, callee: ts.Expression): string | undefined {
  const member = moduleMemberOf(file, callee);
  if (member && mathModules.includes(member.module) && mathFunctions.has(member.member)) return member.member;
  if (ts.isPropertyAccessExpression(callee) && mathFunctions.has(callee.name.text)) {
    const created = creationOf(file, callee.expression);
    if (created && mathModules.includes(created.module) && created.member === 'create') return callee.name.text;
  }
  return undefined;
}

/** Whether the file hardens a mathjs instance the documented way: `math.import({ import: …, evaluate: … }, { override: true })`. */
function hardensMathjs(file: TsFile): boolean {
  return file.cached('codeInjection:mathjsHardened', (f) =>
    f.nodesOfKind(ts.SyntaxKind.CallExpression).some((call) => {
      const callee = skipOuterExpressions(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'import') return false;
      const overrides = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
      return (
        overrides !== undefined &&
        ts.isObjectLiteralExpression(overrides) &&
        overrides.properties.some((p) => p.name !== undefined && propertyNameText(p.name) === 'import')
      );
    }),
  );
}

/** `vm.run(code)` on a vm2 `VM`/`NodeVM`; `safeEval(code)`/`saferEval(code)`. The name of the sink, if any. */
function sandboxSink(file: TsFile, callee: ts.Expression, isNew: boolean): string | undefined {
  if (ts.isIdentifier(callee) && !isNew) {
    const binding = bindingOfIdentifier(file, callee);
    if (binding && (binding.module === 'safe-eval' || binding.module === 'safer-eval'))
      if (binding.imported === 'default' || binding.imported === '*') return binding.module;
  }
  if (isNew) {
    const member = ts.isIdentifier(callee)
      ? bindingOfIdentifier(file, callee)
      : (() => {
          const m = moduleMemberOf(file, callee);
          return m ? { module: m.module, imported: m.member } : undefined;
        })();
    if (member?.module === 'vm2' && member.imported === 'VMScript') return 'vm2 VMScript';
    return undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'run') {
    const created = creationOf(file, callee.expression);
    if (created?.module === 'vm2' && created.how === 'new' && vm2Classes.has(created.member))
      return `vm2 ${created.member}.run`;
  }
  return undefined;
}

export const codeInjection: TsRule = {
  id: 'ts/code-injection',
  language: 'typescript',
  meta: {
    title: 'String evaluated as code',
    summary: '`eval`, `new Function`, `vm`, vm2/safe-eval and string timers with non-constant code',
    severity: 'error',
    guideSection: 'Input Validation › Sanitize inputs',
    checklistItem: 'input-validation',
    description:
      "`eval`, `new Function`, the `vm` module and `setTimeout`/`setInterval` with a string compile their argument as JavaScript with the server's rights. The vm module is not a sandbox, and neither are vm2 (discontinued with unfixed escapes) or safe-eval. A value that reaches them from a request or a tool argument is remote code execution.",
    remedy: 'Parse data with JSON.parse, look operations up in a table of functions, or pass a function to setTimeout.',
  },
  create(context) {
    const { file } = context;
    const report = (node: ts.Expression, what: string, generated: Generated): void => {
      if (generated.moduleSpecifier) {
        const source = taintOf(file, generated.moduleSpecifier);
        if (source)
          context.report({
            start: file.start(node),
            end: node.end,
            severity: 'error',
            message: `${what} imports a module named by ${describeSource(source)}: a caller can load any file or a data: URL, which runs code. Import from a fixed table of modules.`,
            ...sourceRelated(source),
          });
        return;
      }
      if (generated.generated) return;
      const taint = sinkTaint(file, node, 'plain', undefined);
      const tainted = (described: string): string =>
        `${what} runs code built from ${described}: that is remote code execution.`;
      context.report({
        start: file.start(node),
        end: node.end,
        severity: taint?.source ? 'error' : 'warning',
        message: taint?.source
          ? tainted(describeTaint(taint))
          : `${what} runs a string that is not a constant, from an origin this file does not show (a parameter, a call's result): if request or tool data can reach it, that is remote code execution. Parse data instead of evaluating it.`,
        ...localFlow(taint),
      });
      // Reached from exported parameters: linking reports it with the source once a caller is tainted.
      if (taint && isDeferred(taint))
        context.report({
          start: file.start(node),
          end: node.end,
          severity: 'error',
          message: tainted(describeTaint(taint)),
          ...flowOf(taint),
        });
    };
    const code = (node: ts.Expression, what: string): void => report(node, what, generatedCode(file, node));
    const check = (callee: ts.Expression, args: readonly ts.Expression[], isNew: boolean): void => {
      const e = skipOuterExpressions(callee);
      if (!isNew && isGlobal(file, e, 'eval')) {
        if (args.length > 0) code(args[0], 'eval');
        return;
      }
      if (isGlobal(file, e, 'Function')) {
        const dynamic = args.find((a) => !generatedCode(file, a).generated);
        if (dynamic) code(dynamic, 'new Function');
        return;
      }
      if (!isNew && (isGlobal(file, e, 'setTimeout') || isGlobal(file, e, 'setInterval'))) {
        if (args.length > 0 && isStringExpression(args[0]))
          code(args[0], `${(ts.isIdentifier(e) ? e : (e as ts.PropertyAccessExpression).name).text} with a string`);
        return;
      }
      if (args.length === 0) return;
      if (mentionsModule(file, 'code-injection:sandboxes', sandboxModules)) {
        const sandbox = sandboxSink(file, e, isNew);
        if (sandbox) {
          code(args[0], sandbox);
          return;
        }
      }
      if (!isNew && mentionsModule(file, 'code-injection:mathjs', mathModules)) {
        const fn = isMathjsCall(file, e);
        if (fn) {
          // The mathjs parser is a sandbox of its own: only caller data is worth a word, and a warning.
          const source = taintOf(file, args[0]);
          if (source && !hardensMathjs(file))
            context.report({
              start: file.start(args[0]),
              end: args[0].end,
              severity: 'warning',
              message: `mathjs ${fn} runs an expression from ${describeSource(source)}. Its parser blocks JavaScript, but its own language can redefine functions (import, createUnit) and build expressions that exhaust the server: disable those functions (math.import({ import, createUnit, evaluate, parse, … }, { override: true })) or accept numbers and a fixed set of operations.`,
              ...sourceRelated(source),
            });
          return;
        }
      }
      const member =
        mentionsModule(file, 'vm', vmModules) && mayBeMember(file, e, 'vm', vmFunctions)
          ? moduleMemberOf(file, e)
          : undefined;
      if (member && member.module === 'vm' && vmFunctions.has(member.member)) code(args[0], `vm.${member.member}`);
    };
    const names = new Set(globalEvaluators);
    if (mentionsModule(file, 'code-injection:sandboxes', sandboxModules)) {
      names.add('run');
      for (const name of namesReaching(file, 'code-injection:sandboxes', sandboxModules)) names.add(name);
    }
    if (mentionsModule(file, 'code-injection:mathjs', mathModules)) {
      for (const name of mathFunctions) names.add(name);
      for (const name of memberAliases(file, 'code-injection:mathjs', mathFunctions)) names.add(name);
    }
    const calls: CallFilter = { names, module: { key: 'vm', modules: vmModules, members: vmFunctions } };
    return {
      calls,
      [ts.SyntaxKind.CallExpression]: (call) => check(call.expression, call.arguments, false),
      [ts.SyntaxKind.NewExpression]: (node) => check(node.expression, node.arguments ?? [], true),
    };
  },
};
