// Hovers: what a finding under the cursor means (rule, why, fix, guide section, docs link), and
// the nginx directive reference for nginx files.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { docsUrl } from '../core/docs';
import { rangeContains } from '../core/text';
import { nginxHover } from '../languages/nginx/features';
import { ruleById } from '../rules';
import type { ServerContext } from './context';
import type { Diagnostics } from './diagnostics';

export function registerHover(ctx: ServerContext, diagnostics: Diagnostics): void {
  ctx.connection.onHover((params: HoverParams): Hover | null => {
    const document = ctx.documents.get(params.textDocument.uri);
    if (!document) return null;
    const hits = diagnostics.current(document)?.findings.filter((f) => rangeContains(f.range, params.position)) ?? [];
    const reference =
      diagnostics.languageOf(document) === 'nginx'
        ? nginxHover(document.getText(), document.offsetAt(params.position))
        : undefined;
    if (hits.length === 0) {
      if (!reference) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: reference.markdown },
        range: { start: document.positionAt(reference.start), end: document.positionAt(reference.end) },
      };
    }
    const sections = hits.map((finding) => {
      const rule = ruleById(finding.ruleId);
      if (!rule) return finding.message;
      return [
        `**${rule.meta.title}** · \`${rule.id}\` · ${finding.severity}`,
        '',
        finding.message,
        '',
        `**Why:** ${rule.meta.description}`,
        '',
        `**Fix:** ${rule.meta.remedy}`,
        '',
        `Guide: *${rule.meta.guideSection}* · [Rule documentation](${docsUrl(rule)})`,
      ].join('\n');
    });
    if (reference) sections.push(reference.markdown);
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: hits[0].range };
  });
}
