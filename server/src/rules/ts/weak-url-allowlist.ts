// Host allow-lists written as substring checks: 'https://api.example.com.evil.net' starts with
// 'https://api.example.com', and 'evilexample.com' ends with 'example.com'.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { shorten } from '../../core/text';
import type { TsFile } from '../../languages/typescript/file';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions, staticString, variableInitializer } from '../../languages/typescript/values';

/** The calls below: a regular expression's test() and the string methods that match a prefix, suffix or part. */
const allowlistCalls: CallFilter = { names: new Set(['test', 'includes', 'startsWith', 'endsWith']) };

const urlNames =
  /(?:url|uri|href|origin|host|hostname|referr?er|redirect|domain|link|endpoint|callback|return[-_]?to|next)$/i;
const hostNames = /(?:host|hostname|domain)$/i;
const domainLike = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#].*)?$/i;

function nameOf(expression: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'get' &&
    e.arguments[0] &&
    ts.isStringLiteralLike(e.arguments[0])
  )
    return e.arguments[0].text;
  return undefined;
}

function describe(expression: ts.Expression): 'host' | 'url' | undefined {
  const name = nameOf(expression);
  if (!name) return undefined;
  if (hostNames.test(name)) return 'host';
  if (urlNames.test(name)) return 'url';
  return undefined;
}

const schemePrefix = /^[a-z][a-z0-9+.-]*:\/\//i;
const bareHost = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?$/i;
const iterating = new Set(['some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'forEach']);

/** What is weak about checking a `kind` value with `method(value)`, or undefined when the check holds. */
function weaknessOf(method: string, kind: 'host' | 'url', value: string): { host: string } | undefined {
  if (!domainLike.test(value)) return undefined;
  const hasScheme = schemePrefix.test(value);
  const afterScheme = value.replace(schemePrefix, '');
  const end = afterScheme.search(/[/?#]/);
  const host = end < 0 ? afterScheme : afterScheme.slice(0, end);
  if (method === 'includes') return { host };
  if (method === 'startsWith') {
    if (!hasScheme || kind === 'host') return undefined;
    // A path after the host ends the host part.
    return value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i, '') === '' ? { host } : undefined;
  }
  if (method === 'endsWith') return value.startsWith('.') || hasScheme ? undefined : { host };
  return undefined;
}

/**
 * The allow-list a loop variable walks: `allowed` of `for (const allowed of ALLOWED_HOSTS)` or the
 * parameter of `ALLOWED.some((a) => …)` (every, find, filter, …), when the list is written in the
 * file as literals (an array, a Set of an array, a const naming one).
 */
function allowListOf(file: TsFile, argument: ts.Expression): { values: string[]; text: string } | undefined {
  const e = skipOuterExpressions(argument);
  if (!ts.isIdentifier(e)) return undefined;
  const declaration = file.resolve(e);
  if (!declaration) return undefined;
  let list: ts.Expression | undefined;
  if (
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    ts.isForOfStatement(declaration.parent.parent) &&
    declaration.parent.parent.initializer === declaration.parent
  )
    list = declaration.parent.parent.expression;
  else if (ts.isParameter(declaration) && declaration.parent.parameters[0] === declaration) {
    let fn: ts.Node = declaration.parent;
    while (ts.isParenthesizedExpression(fn.parent)) fn = fn.parent;
    const call = fn.parent;
    if (
      (ts.isArrowFunction(declaration.parent) || ts.isFunctionExpression(declaration.parent)) &&
      ts.isCallExpression(call) &&
      call.arguments[0] === fn &&
      ts.isPropertyAccessExpression(call.expression) &&
      iterating.has(call.expression.name.text)
    )
      list = call.expression.expression;
  }
  if (!list) return undefined;
  const values = literalElements(file, list, 0);
  return values && values.length > 0 ? { values, text: file.textOf(list) } : undefined;
}

/** The strings of a list written as literals: `['a.com', 'b.com']`, `new Set([...])`, `[...OTHER]`, a variable holding one. */
function literalElements(file: TsFile, expression: ts.Expression, depth: number): string[] | undefined {
  if (depth > 4) return undefined;
  const e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) {
    const init = variableInitializer(file, e);
    return init ? literalElements(file, init, depth + 1) : undefined;
  }
  if (
    ts.isNewExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'Set' &&
    e.arguments?.length === 1
  )
    return literalElements(file, e.arguments[0], depth + 1);
  if (!ts.isArrayLiteralExpression(e)) return undefined;
  const values: string[] = [];
  for (const element of e.elements) {
    if (ts.isSpreadElement(element)) {
      const spread = literalElements(file, element.expression, depth + 1);
      if (!spread) return undefined;
      values.push(...spread);
      continue;
    }
    const value = staticString(file, element);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

export const weakUrlAllowlist: TsRule = {
  id: 'ts/weak-url-allowlist',
  language: 'typescript',
  meta: {
    title: 'Host allow-list checked by substring',
    summary: 'host allow-lists checked with `includes`/`startsWith`/`endsWith` or loose regexes',
    severity: 'warning',
    guideSection: 'Secure Tool Development › Validate URLs and file paths (beyond)',
    checklistItem: 'input-validation',
    description:
      "A URL or host is checked with includes(), startsWith() without the slash after the host, endsWith() without a leading dot, or a regular expression with unescaped dots or no anchors. 'https://api.example.com.evil.net' starts with 'https://api.example.com', 'evilexample.com' ends with 'example.com', and 'https://evil.net/?api.example.com' includes it: the check passes for hosts the attacker owns.",
    remedy:
      'Parse with new URL(u) and compare url.hostname exactly against a Set of allowed hosts (or check endsWith with a leading dot).',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    const q = file.quote;
    return {
      calls: allowlistCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        if (!ts.isPropertyAccessExpression(callee) || call.arguments.length !== 1) return;
        const method = callee.name.text;
        // /^https:\/\/api.example.com/.test(url)
        if (method === 'test') {
          const regex = skipOuterExpressions(callee.expression);
          if (!ts.isRegularExpressionLiteral(regex) || !describe(call.arguments[0])) return;
          const source = regex.text.slice(1, regex.text.lastIndexOf('/'));
          if (!/[a-z0-9-]\\?\.[a-z]{2,}/i.test(source)) return;
          const unescapedDot = /[a-z0-9-]\.[a-z]/i.test(source.replace(/\\\./g, ''));
          const unanchored =
            !source.startsWith('^') || !/(?:\$|\\\/|\/|\(\?:\/\|\$\)|\[\/\?#\]|\(\[\/\?#\]\|\$\))\)?$/.test(source);
          if (!unescapedDot && !unanchored) return;
          context.report({
            start: file.start(regex),
            end: regex.end,
            message: `This host pattern ${unescapedDot ? "has unescaped dots (a '.' matches any character)" : 'is not anchored at both ends'}, so hosts an attacker registers match it. Compare new URL(u).hostname against a Set.`,
          });
          return;
        }
        if (method !== 'includes' && method !== 'startsWith' && method !== 'endsWith') return;
        const subject = callee.expression;
        const kind = describe(subject);
        if (!kind) return;
        const argument = call.arguments[0];
        const subjectText = file.textOf(subject);
        const replaceCall = (text: string, title: string): DraftFix => ({
          title,
          kind: 'suggestion',
          edits: [{ start: file.start(call), end: call.end, newText: text }],
        });
        const hostExpression = kind === 'host' ? subjectText : `new URL(${subjectText}).hostname`;
        const value = staticString(file, argument);
        let message: string | undefined;
        let fix: DraftFix | undefined;
        if (value !== undefined) {
          const weakness = weaknessOf(method, kind, value);
          if (!weakness) return;
          const { host } = weakness;
          if (method === 'includes') {
            message = `${subjectText}.includes('${value}') also passes for 'https://evil.example/?${host}' and '${host}.evil.example'. Compare the parsed hostname exactly.`;
            fix = replaceCall(
              `${hostExpression} === ${q}${host}${q}`,
              `Compare the hostname exactly (${hostExpression} === '${host}')`,
            );
          } else if (method === 'startsWith') {
            message = `${subjectText}.startsWith('${value}') also passes for '${value}.evil.example'. End the prefix with '/' or compare the parsed hostname.`;
            fix = {
              title: `End the prefix with '/'`,
              kind: 'suggestion',
              edits: [{ start: file.start(argument), end: argument.end, newText: `${q}${value}/${q}` }],
            };
          } else {
            message = `${subjectText}.endsWith('${value}') also passes for 'evil${value}'. Check for '.${value}' or an exact match.`;
            fix =
              kind === 'host' && ts.isIdentifier(skipOuterExpressions(subject))
                ? replaceCall(
                    `(${subjectText} === ${q}${value}${q} || ${subjectText}.endsWith(${q}.${value}${q}))`,
                    `Match '${value}' and its subdomains only`,
                  )
                : undefined;
          }
        } else {
          // for (const allowed of ALLOWED_HOSTS) url.includes(allowed); ALLOWED.some((a) => url.startsWith(a))
          const list = allowListOf(file, argument);
          if (!list) return;
          const judged = list.values.map((v) => ({ value: v, weakness: weaknessOf(method, kind, v) }));
          const weak = judged.find((j) => j.weakness !== undefined);
          if (!weak || !weak.weakness) return;
          const all = judged.every((j) => j.weakness !== undefined);
          const name = file.textOf(argument);
          const entry = `(${name} is '${weak.value}' of ${shorten(list.text)})`;
          const host = weak.weakness.host;
          if (method === 'includes') {
            message = `${subjectText}.includes(${name}) also passes for 'https://evil.example/?${host}' and '${host}.evil.example' ${entry}. Compare the parsed hostname exactly.`;
            if (all && list.values.every((v) => bareHost.test(v)))
              fix = replaceCall(
                `${hostExpression} === ${name}`,
                `Compare the hostname exactly (${hostExpression} === ${name})`,
              );
          } else if (method === 'startsWith') {
            message = `${subjectText}.startsWith(${name}) also passes for '${weak.value}.evil.example' ${entry}. End each prefix with '/' or compare the parsed hostname.`;
            if (all)
              fix = {
                title: `End the prefix with '/'`,
                kind: 'suggestion',
                edits: [{ start: file.start(argument), end: argument.end, newText: `${name} + ${q}/${q}` }],
              };
          } else {
            message = `${subjectText}.endsWith(${name}) also passes for 'evil${weak.value}' ${entry}. Check for '.' + ${name} or an exact match.`;
            if (all && kind === 'host' && ts.isIdentifier(skipOuterExpressions(subject)))
              fix = replaceCall(
                `(${subjectText} === ${name} || ${subjectText}.endsWith(${q}.${q} + ${name}))`,
                `Match each allowed domain and its subdomains only`,
              );
          }
        }
        context.report({ start: file.start(call), end: call.end, message, fixes: fix ? [fix] : [] });
      },
    };
  },
};
