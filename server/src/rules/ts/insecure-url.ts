// Plain http:// to another host: requests, their API keys and the answers cross the network in clear.
import ts from 'typescript';
import { asOutgoingRequest, outgoingRequestCalls, requestUrl } from '../../knowledge/requests';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions, staticString } from '../../languages/typescript/values';

/** Hosts that never leave the machine or are reserved for documentation. */
export function isLocalOrExampleHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    h === '0.0.0.0' ||
    /^127\./.test(h) ||
    h === 'host.docker.internal' ||
    /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|local|internal|lan|home\.arpa)$/.test(h) ||
    /^(?:10|192\.168|169\.254)\./.test(h) ||
    /^172\.(?:1[6-9]|2\d|3[01])\./.test(h) ||
    (!h.includes('.') && !h.includes(':'))
  );
}

export const insecureUrl: TsRule = {
  id: 'ts/insecure-url',
  language: 'typescript',
  meta: {
    title: 'Request over plain HTTP',
    summary: 'requests to public hosts over `http://`',
    severity: 'warning',
    guideSection: 'Network Security › Use HTTPS',
    checklistItem: 'https',
    description:
      'fetch, axios, got or http.request is called with an http:// URL to a public host. The request, its headers (API keys, cookies) and the response travel unencrypted and can be read or changed by anyone on the path. Local, private-network and documentation hosts are not flagged.',
    remedy: 'Use https://.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: outgoingRequestCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const request = asOutgoingRequest(file, call);
        if (!request) return;
        const url = requestUrl(request);
        if (!url) return;
        const e = skipOuterExpressions(url);
        // The literal that carries the scheme: the whole string, or the head of a template.
        const head = ts.isStringLiteralLike(e) ? e : ts.isTemplateExpression(e) ? e.head : undefined;
        const value = head ? head.text : staticString(file, e);
        if (value === undefined) return;
        const match = /^http:\/\/(\[[^\]]*\]|[^/:?#]+)/i.exec(value);
        if (!match || isLocalOrExampleHost(match[1])) return;
        const literal =
          head && file.text.slice(file.start(head) + 1, file.start(head) + 8).toLowerCase() === 'http://'
            ? head
            : undefined;
        context.report({
          start: file.start(url),
          end: url.end,
          message: `${request.client} sends this request to ${match[1]} over plain HTTP: headers, keys and the response can be read and changed in transit. Use https://.`,
          fixes: literal
            ? [
                {
                  title: 'Use https://',
                  kind: 'suggestion',
                  edits: [{ start: file.start(literal) + 1, end: file.start(literal) + 5, newText: 'https' }],
                },
              ]
            : [],
        });
      },
    };
  },
};
