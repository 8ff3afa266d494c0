// Server-side request forgery: the server fetches a URL its caller chose, so the caller reaches
// internal services and cloud metadata endpoints through it.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { appendHelperFunction } from '../../languages/typescript/edits';
import type { TsFile } from '../../languages/typescript/file';
import { asOutgoingRequest, outgoingRequestCalls, requestDestinations } from '../../knowledge/requests';
import type { TsRule } from '../../languages/typescript/rule';
import { describeTaint, flowOf, sinkTaint } from '../../knowledge/taint';
import { bindingOfIdentifier } from '../../languages/typescript/modules';
import { calleeName, skipOuterExpressions } from '../../languages/typescript/values';

const HELPER = 'validateUrl';

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

/** The MCP SDK's client transports that connect to a server URL. */
const clientTransports = new Set(['SSEClientTransport', 'StreamableHTTPClientTransport', 'WebSocketClientTransport']);

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
      // new SSEClientTransport(new URL(url)): the MCP client connects (and posts) to that server.
      [ts.SyntaxKind.NewExpression]: (creation) => {
        const callee = skipOuterExpressions(creation.expression);
        const name = calleeName(callee);
        const url = creation.arguments?.[0];
        if (!clientTransports.has(name) || !url) return;
        const binding = ts.isIdentifier(callee) ? bindingOfIdentifier(file, callee) : undefined;
        if (ts.isIdentifier(callee) && !binding?.module.startsWith('@modelcontextprotocol/sdk')) return;
        const taint = sinkTaint(file, url, 'url', creation);
        if (!taint) return;
        context.report({
          start: file.start(url),
          end: url.end,
          message: `${name} connects to a URL taken from ${describeTaint(taint)} without an allow-list check: the caller can make this server reach internal services.`,
          ...flowOf(taint),
        });
      },
      calls: outgoingRequestCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const request = asOutgoingRequest(file, call);
        if (!request) return;
        for (const url of requestDestinations(request)) {
          const taint = sinkTaint(file, url, 'url', call);
          if (!taint) continue;
          const direct = url === request.url && !ts.isSpreadElement(url) && taint.source !== undefined;
          context.report({
            start: file.start(url),
            end: url.end,
            message: `${request.client} requests a URL taken from ${describeTaint(taint)} without an allow-list check: the caller can reach internal services.`,
            fixes: direct ? () => [validateUrlFix(file, url)] : [],
            ...flowOf(taint),
          });
          return;
        }
      },
    };
  },
};
