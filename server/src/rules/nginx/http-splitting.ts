// $uri and $document_uri are decoded: %0d%0a becomes a real line break, which splits the header
// or the redirect nginx writes into two (CRLF injection).
import type { NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

const decoded = /\$(?:\{(uri|document_uri)\}|(uri|document_uri))(?![A-Za-z0-9_])/g;

export const httpSplitting: NginxRule = {
  id: 'nginx/http-splitting',
  language: 'nginx',
  meta: {
    title: 'Decoded URI in a header or redirect',
    summary: 'decoded `$uri` in headers or redirects (CRLF injection)',
    severity: 'warning',
    guideSection: 'Input Validation › Sanitize inputs (beyond the guide)',
    checklistItem: 'input-validation',
    description:
      '$uri and $document_uri hold the decoded path: an encoded line break (%0d%0a) in the request becomes a real one. Used in add_header, return or proxy_set_header, it lets a client inject headers into the response or the proxied request (HTTP response splitting).',
    remedy: 'Use $request_uri, which keeps the request exactly as sent (still encoded).',
    hasSuggestions: true,
  },
  create(context) {
    const visit = (directive: NginxDirective): void => {
      if (directive.isEntry) return;
      for (const arg of directive.name === 'add_header' || directive.name === 'proxy_set_header'
        ? directive.args.slice(1)
        : directive.args) {
        if (!new RegExp(decoded.source).test(arg.raw)) continue;
        context.report({
          start: arg.start,
          end: arg.end,
          message: `${directive.name} uses the decoded $uri, so an encoded line break splits the ${directive.name === 'return' ? 'redirect' : 'header'}. Use $request_uri.`,
          fixes: [
            {
              title: 'Use $request_uri',
              kind: 'suggestion',
              edits: [{ start: arg.start, end: arg.end, newText: arg.raw.replace(decoded, '$request_uri') }],
            },
          ],
        });
      }
    };
    return { directives: { add_header: visit, return: visit, proxy_set_header: visit, more_set_headers: visit } };
  },
};
