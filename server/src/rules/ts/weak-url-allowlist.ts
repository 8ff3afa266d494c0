// Host allow-lists written as substring checks: 'https://api.example.com.evil.net' starts with
// 'https://api.example.com', and 'evilexample.com' ends with 'example.com'.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';

/** The calls below: a regular expression's test() and the string methods that match a prefix, suffix or part. */
const allowlistCalls: CallFilter = { names: new Set(['test', 'includes', 'startsWith', 'endsWith', 'indexOf']) };
import { skipOuterExpressions, staticString } from '../../languages/typescript/values';

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
        if (method !== 'includes' && method !== 'startsWith' && method !== 'endsWith' && method !== 'indexOf') return;
        const subject = callee.expression;
        const kind = describe(subject);
        if (!kind) return;
        const literal = call.arguments[0];
        const value = staticString(file, literal);
        if (value === undefined || !domainLike.test(value)) return;
        const subjectText = file.textOf(subject);
        const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
        const afterScheme = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
        const end = afterScheme.search(/[/?#]/);
        const host = end < 0 ? afterScheme : afterScheme.slice(0, end);
        let message: string | undefined;
        let fix: DraftFix | undefined;
        const replaceCall = (text: string, title: string): DraftFix => ({
          title,
          kind: 'suggestion',
          edits: [{ start: file.start(call), end: call.end, newText: text }],
        });
        const hostExpression = kind === 'host' ? subjectText : `new URL(${subjectText}).hostname`;
        if (method === 'includes' || method === 'indexOf') {
          if (method === 'indexOf') return; // reported through the comparison shape rarely; keep quiet
          message = `${subjectText}.includes('${value}') also passes for 'https://evil.example/?${host}' and '${host}.evil.example'. Compare the parsed hostname exactly.`;
          fix = replaceCall(
            `${hostExpression} === ${q}${host}${q}`,
            `Compare the hostname exactly (${hostExpression} === '${host}')`,
          );
        } else if (method === 'startsWith') {
          if (!hasScheme || kind === 'host') return;
          const rest = value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i, '');
          if (rest !== '') return; // a path after the host ends the host part
          message = `${subjectText}.startsWith('${value}') also passes for '${value}.evil.example'. End the prefix with '/' or compare the parsed hostname.`;
          fix = {
            title: `End the prefix with '/'`,
            kind: 'suggestion',
            edits: [{ start: file.start(literal), end: literal.end, newText: `${q}${value}/${q}` }],
          };
        } else {
          if (value.startsWith('.') || hasScheme) return;
          message = `${subjectText}.endsWith('${value}') also passes for 'evil${value}'. Check for '.${value}' or an exact match.`;
          fix =
            kind === 'host' && ts.isIdentifier(skipOuterExpressions(subject))
              ? replaceCall(
                  `(${subjectText} === ${q}${value}${q} || ${subjectText}.endsWith(${q}.${value}${q}))`,
                  `Match '${value}' and its subdomains only`,
                )
              : undefined;
        }
        context.report({ start: file.start(call), end: call.end, message, fixes: fix ? [fix] : [] });
      },
    };
  },
};
