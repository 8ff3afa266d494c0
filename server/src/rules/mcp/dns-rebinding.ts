// A local MCP server over HTTP without Host/Origin checks: a web page the user visits can
// rebind its own domain to 127.0.0.1 and call the tools from the browser.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { addOptionEdit } from '../../languages/typescript/edits';
import { listenRelated } from '../../knowledge/apps';
import { isHttpTransportCreation } from '../../knowledge/mcp';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyValue, skipOuterExpressions, staticString } from '../../languages/typescript/values';
import { codeText } from '../../languages/typescript/comments';

/** The port the file listens on: a literal, or an expression to splice into a template. */
function listenPort(file: TsFile): { literal?: string; expression?: string } | undefined {
  // One walk per file, however many transports it creates.
  return file.cached('dnsRebinding.listenPort', () => findListenPort(file));
}

function findListenPort(file: TsFile): { literal?: string; expression?: string } | undefined {
  for (const node of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
    if (
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'listen' &&
      node.arguments.length > 0
    ) {
      const port = skipOuterExpressions(node.arguments[0]);
      const value = staticString(file, port);
      if (value !== undefined && /^\d+$/.test(value)) return { literal: value };
      if (ts.isIdentifier(port)) return { expression: port.text };
    }
  }
  return undefined;
}

/** Whether the file checks Host or Origin itself (or uses the SDK's host validation). */
const hostOrOriginCheck =
  /hostHeaderValidation|localhostHostValidation|createMcpExpressApp|headers\.origin|headers\[['"]origin['"]\]|get\(['"]origin['"]\)|headers\.host\b|headers\[['"]host['"]\]/i;

function checksHostOrOrigin(file: TsFile): boolean {
  // The text first: only a file that mentions a check pays for blanking its comments.
  return hostOrOriginCheck.test(file.text) && hostOrOriginCheck.test(codeText(file));
}

function nonEmptyList(expression: ts.Expression | undefined): boolean {
  if (!expression) return false;
  const e = skipOuterExpressions(expression);
  return !ts.isArrayLiteralExpression(e) || e.elements.length > 0;
}

export const dnsRebinding: TsRule = {
  id: 'mcp/dns-rebinding',
  language: 'typescript',
  meta: {
    title: 'MCP HTTP transport without DNS rebinding protection',
    summary: 'an MCP HTTP transport without Host/Origin validation',
    severity: 'warning',
    guideSection: 'beyond (MCP specification: validate Origin)',
    checklistItem: 'access-controls',
    description:
      "The MCP specification requires servers to validate the Origin header. This HTTP transport has neither `enableDnsRebindingProtection: true` with non-empty `allowedHosts`/`allowedOrigins` (the SDK's flag defaults to false and does nothing with empty lists) nor an Origin/Host check in the file. A web page the user opens can point its own domain at 127.0.0.1 (DNS rebinding) and call the local server's tools from the browser.",
    remedy:
      "Add enableDnsRebindingProtection: true and allowedHosts: ['127.0.0.1:PORT', 'localhost:PORT'] (allowedHosts compares the full Host header, port included).",
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    let checked: boolean | undefined;
    return {
      [ts.SyntaxKind.NewExpression]: (node) => {
        if (!isHttpTransportCreation(file, node)) return;
        const name = file.textOf(node.expression);
        const optionsIndex = /SSEServerTransport/.test(name) ? 2 : 0;
        const options = node.arguments?.[optionsIndex];
        if (options && !ts.isObjectLiteralExpression(skipOuterExpressions(options))) return;
        // Options spread from elsewhere may carry the protection: unknown, so quiet.
        if (
          options &&
          (skipOuterExpressions(options) as ts.ObjectLiteralExpression).properties.some((p) => ts.isSpreadAssignment(p))
        )
          return;
        const enabled = propertyValue(options, 'enableDnsRebindingProtection');
        const on = enabled !== undefined && skipOuterExpressions(enabled).kind === ts.SyntaxKind.TrueKeyword;
        if (
          on &&
          (nonEmptyList(propertyValue(options, 'allowedHosts')) ||
            nonEmptyList(propertyValue(options, 'allowedOrigins')))
        )
          return;
        checked ??= checksHostOrOrigin(file);
        if (checked) return;
        const fixes: DraftFix[] = [];
        const port = listenPort(file);
        const listed =
          nonEmptyList(propertyValue(options, 'allowedHosts')) ||
          nonEmptyList(propertyValue(options, 'allowedOrigins'));
        const hasLists =
          propertyValue(options, 'allowedHosts') !== undefined ||
          propertyValue(options, 'allowedOrigins') !== undefined;
        if (!enabled && listed && node.arguments) {
          const edit = addOptionEdit(
            file,
            { arguments: node.arguments },
            optionsIndex,
            'enableDnsRebindingProtection: true',
          );
          if (edit) fixes.push({ title: 'Enable DNS rebinding protection', kind: 'suggestion', edits: [edit] });
        } else if (port && !enabled && !hasLists && node.arguments) {
          const q = file.quote;
          const hosts = port.literal
            ? `${q}127.0.0.1:${port.literal}${q}, ${q}localhost:${port.literal}${q}`
            : `\`127.0.0.1:\${${port.expression}}\`, \`localhost:\${${port.expression}}\``;
          const property = `enableDnsRebindingProtection: true, allowedHosts: [${hosts}]`;
          const edit = addOptionEdit(file, { arguments: node.arguments }, optionsIndex, property);
          if (edit)
            fixes.push({ title: 'Enable DNS rebinding protection for localhost', kind: 'suggestion', edits: [edit] });
        }
        // Where the server is reachable from (what a rebound page connects to).
        const listens = listenRelated(file);
        context.report({
          start: file.start(node.expression),
          end: node.expression.end,
          message: on
            ? 'enableDnsRebindingProtection is on but allowedHosts and allowedOrigins are empty, so nothing is checked. List the hosts.'
            : 'This MCP HTTP transport does not validate Host or Origin: a web page can reach it through DNS rebinding. Enable enableDnsRebindingProtection with allowedHosts.',
          fixes,
          ...(listens.length > 0 ? { related: listens } : {}),
        });
      },
    };
  },
};
