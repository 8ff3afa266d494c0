// Server-side request forgery: the server fetches a URL its caller chose, so the caller reaches
// internal services and cloud metadata endpoints through it.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { appendHelperFunction } from '../../languages/typescript/edits';
import type { TsFile } from '../../languages/typescript/file';
import { asOutgoingRequest, outgoingRequestCalls, requestDestinations } from '../../knowledge/requests';
import type { TsRule } from '../../languages/typescript/rule';
import { describeSource, isGuarded, taintOf } from '../../knowledge/taint';
import { skipOuterExpressions } from '../../languages/typescript/values';

const HELPER = 'validateUrl';

/** A template or concatenation whose literal start fixes the scheme and host (or is a path on this server). */
export function fixesHost(_file: TsFile, expression: ts.TemplateExpression | ts.BinaryExpression): boolean {
  let head: string | undefined;
  if (ts.isTemplateExpression(expression)) {
    head = expression.head.text;
    // `https://host${req.originalUrl}`: a request path always starts with '/'.
    const first = expression.templateSpans[0]?.expression;
    if (
      first &&
      ts.isPropertyAccessExpression(first) &&
      /^(?:originalUrl|url|path)$/.test(first.name.text) &&
      /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i.test(head)
    )
      return true;
    // `https://${req.hostname}${req.originalUrl}`: the same host the request came to (the usual HTTPS redirect).
    const spans = expression.templateSpans;
    if (
      first &&
      /^[a-z][a-z0-9+.-]*:\/\/$/i.test(head) &&
      /\.(?:hostname|host)$|headers\.host$|\.get\(\s*['"]host['"]\s*\)$/.test(_file.textOf(first))
    ) {
      const after = spans[0].literal.text;
      const next = spans[1]?.expression;
      if (
        after.startsWith('/') ||
        (after === '' &&
          next &&
          ts.isPropertyAccessExpression(next) &&
          /^(?:originalUrl|url|path)$/.test(next.name.text))
      )
        return true;
    }
  } else {
    let left: ts.Expression = expression;
    while (ts.isBinaryExpression(left) && left.operatorToken.kind === ts.SyntaxKind.PlusToken)
      left = skipOuterExpressions(left.left);
    if (ts.isStringLiteralLike(left)) head = left.text;
  }
  if (head === undefined) return false;
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(head) || /^\/(?![/\\])/.test(head);
}

function validateUrlFix(file: TsFile, url: ts.Expression): DraftFix {
  const body = `  const url = new URL(input);
  if (url.protocol !== 'https:' || !ALLOWED_HOSTS.has(url.hostname)) {
    throw new Error(\`Requests to \${url.hostname} are not allowed\`);
  }
  return url;
}`;
  const doc = "/** Hosts this server may call on a caller's behalf. */\n";
  return {
    title: `Check the URL against an allow-list (${HELPER})`,
    kind: 'suggestion',
    edits: [
      { start: file.start(url), end: url.end, newText: `${HELPER}(${file.textOf(url)})` },
      ...appendHelperFunction(
        file,
        HELPER,
        `${doc}const ALLOWED_HOSTS = new Set<string>(['api.example.com']);\n\nfunction ${HELPER}(input: string | URL): URL {\n${body}`,
        `${doc}const ALLOWED_HOSTS = new Set(['api.example.com']);\n\nfunction ${HELPER}(input) {\n${body}`,
      ),
    ],
  };
}

export const tsSsrf: TsRule = {
  id: 'ts/ssrf',
  language: 'typescript',
  meta: {
    title: 'Request to a URL the caller controls',
    summary: 'requests to URLs taken from a request or a tool argument',
    severity: 'warning',
    guideSection: 'Secure Tool Development › Validate URLs and file paths',
    checklistItem: 'input-validation',
    description:
      'fetch, axios, got, undici or http.request is called with a URL whose host comes from a request or an MCP tool argument, with no allow-list check on the way. The caller can make the server reach internal services, localhost admin ports or the cloud metadata endpoint (169.254.169.254) and read the answers.',
    remedy: 'Parse the URL and check its protocol and hostname against an allow-list before the request.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: outgoingRequestCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const request = asOutgoingRequest(file, call);
        if (!request) return;
        for (const url of requestDestinations(request)) {
          const source = taintOf(file, url, { safeComposite: fixesHost, key: 'url' });
          if (!source || isGuarded(file, call, url)) continue;
          const direct = url === request.url && !ts.isSpreadElement(url);
          context.report({
            start: file.start(url),
            end: url.end,
            message: `${request.client} requests a URL taken from ${describeSource(source)} without an allow-list check: the caller can reach internal services.`,
            fixes: direct ? () => [validateUrlFix(file, url)] : [],
          });
          return;
        }
      },
    };
  },
};
