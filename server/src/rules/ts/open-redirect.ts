// Redirects to a URL from the request: a link on the trusted domain that lands on a phishing page.
import ts from 'typescript';
import { asResponseCall } from '../../knowledge/http';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';

/** The calls below: `redirect` and the header setters that can set Location. */
const redirectCalls: CallFilter = { names: new Set(['redirect', 'setHeader', 'header', 'set']) };
import { describeTaint, flowOf, sinkTaint } from '../../knowledge/taint';
import { skipOuterExpressions } from '../../languages/typescript/values';

const redirectObjects = new Set(['res', 'response', 'reply', 'ctx', 'context', 'resp']);

export const openRedirect: TsRule = {
  id: 'ts/open-redirect',
  language: 'typescript',
  meta: {
    title: 'Redirect to a URL from the request',
    summary: 'redirects to URLs from the request',
    severity: 'warning',
    guideSection: 'beyond (open redirect)',
    checklistItem: 'input-validation',
    description:
      "The response redirects to a URL taken from the request (`?next=`, `?returnTo=`). A link on your domain then sends users, or an OAuth flow and its tokens, to any site the link's author chose.",
    remedy: 'Redirect only to relative paths you build, or check the target against an allow-list of hosts.',
  },
  create(context) {
    const { file } = context;
    return {
      calls: redirectCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        if (!ts.isPropertyAccessExpression(callee)) return;
        let target: ts.Expression | undefined;
        const object = file.textOf(skipOuterExpressions(callee.expression));
        if (callee.name.text === 'redirect' && redirectObjects.has(object)) {
          target = call.arguments.length >= 2 ? call.arguments[1] : call.arguments[0];
        } else if (
          (callee.name.text === 'setHeader' || callee.name.text === 'header' || callee.name.text === 'set') &&
          call.arguments.length >= 2
        ) {
          const name = skipOuterExpressions(call.arguments[0]);
          if (
            ts.isStringLiteralLike(name) &&
            name.text.toLowerCase() === 'location' &&
            (redirectObjects.has(object) || asResponseCall(file, call))
          )
            target = call.arguments[1];
        }
        if (!target) return;
        const taint = sinkTaint(file, target, 'url', call);
        if (!taint) return;
        context.report({
          start: file.start(target),
          end: target.end,
          message: `Redirect target comes from ${describeTaint(taint)}: anyone can craft a link on this site that forwards to their own. Redirect to known paths or check the host.`,
          ...flowOf(taint),
        });
      },
    };
  },
};
