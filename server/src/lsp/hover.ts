// Hovers: what a finding under the cursor means (rule, the way it came, why, fix, guide section,
// docs link; not its message, which the editor shows above the hover), and
// for nginx files the directive reference and why an include was not read.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { rangeContains } from '../core/text';
import { nginxHover, unreadIncludeMarkdown } from '../languages/nginx/features';
import { NGINX_FACT } from '../languages/nginx/facts';
import { ruleById } from '../rules';
import type { ServerContext } from './context';
import type { Diagnostics } from './diagnostics';
import { pathMarkdown } from './related';
import { isInside, parentUri, relativePath, uriPath } from './uris';

export function registerHover(ctx: ServerContext, diagnostics: Diagnostics): void {
  ctx.connection.onHover((params: HoverParams): Hover | null => {
    const document = ctx.documents.get(params.textDocument.uri);
    if (!document) return null;
    const analysis = diagnostics.current(document);
    // What the editor shows: the workspace's decision (a flow from another file included), when it has one.
    const workspace = diagnostics.workspace?.folderOf(document.uri) ? diagnostics.workspace : undefined;
    const findings = analysis ? (workspace ? workspace.decided(document.uri) : analysis.findings) : [];
    const hits = findings.filter((f) => rangeContains(f.range, params.position));
    const nginx = diagnostics.languageOf(document) === 'nginx';
    let reference = nginx ? nginxHover(document.getText(), document.offsetAt(params.position)) : undefined;
    // An include the analysis could not read: say so (and where it looked) above its reference.
    const unread = nginx
      ? analysis?.facts.filter(
          (f) =>
            f.name === NGINX_FACT.unreadInclude &&
            typeof f.value === 'string' &&
            f.range !== undefined &&
            rangeContains(f.range, params.position),
        )
      : undefined;
    if (unread && unread.length > 0) {
      const markdown = [...new Set(unread.map((f) => unreadIncludeMarkdown(String(f.value))))].join('\n\n');
      const range = unread[0].range!;
      reference = {
        markdown: reference ? `${markdown}\n\n---\n\n${reference.markdown}` : markdown,
        start: reference?.start ?? document.offsetAt(range.start),
        end: reference?.end ?? document.offsetAt(range.end),
      };
    }
    if (hits.length === 0) {
      if (!reference) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: reference.markdown },
        range: { start: document.positionAt(reference.start), end: document.positionAt(reference.end) },
      };
    }
    // Related places are named relative to the document's workspace folder (else its own folder).
    const folder = ctx.folderOf(document.uri) ?? parentUri(document.uri);
    const label = (uri: string): string => (isInside(uri, folder) ? relativePath(folder, uri) : uriPath(uri));
    // The diagnostic's message is shown above the hover already: the hover says what it does not.
    const sections = hits.map((finding) => {
      const rule = ruleById(finding.ruleId);
      const path = pathMarkdown(finding, document.uri, label);
      if (!rule) return path ?? `\`${finding.ruleId}\` · ${finding.severity}`;
      return [
        `**${rule.meta.title}** · \`${rule.id}\` · ${finding.severity}`,
        ...(path ? ['', path] : []),
        '',
        `**Why:** ${rule.meta.description}`,
        '',
        `**Fix:** ${rule.meta.remedy}`,
        '',
        `Guide: *${rule.meta.guideSection}* · [Rule documentation](${ctx.docsHref(rule)})`,
      ].join('\n');
    });
    if (reference) sections.push(reference.markdown);
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: hits[0].range };
  });
}
