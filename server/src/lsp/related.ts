// Related places of findings, as the editor shows them: locations in URIs, and the hover's list.
import type { Finding, RelatedLocation } from '../core/rule';
import type { AnalysisResult } from '../engine/analyze';

/**
 * A file's own analysis names the related places of its findings (a taint source, the listen
 * call) by the file's project path: they are all places of the file itself, so in the editor
 * they are places of its document. Idempotent; findings without related places are kept as they are.
 */
export function withDocumentRelated(result: AnalysisResult, uri: string): AnalysisResult {
  if (!result.findings.some((f) => f.related)) return result;
  return { ...result, findings: result.findings.map((f) => inDocument(f, uri)) };
}

function inDocument(finding: Finding, uri: string): Finding {
  if (!finding.related || finding.related.every((r) => r.path === uri)) return finding;
  return { ...finding, related: finding.related.map((r) => ({ ...r, path: uri })) };
}

/** Places a hover lists, at most (a long flow keeps its source and its last steps). */
const MAX_HOVER_PLACES = 8;

/**
 * The hover's "Path" list: one markdown link per related place (`uri#L42`, as VS Code opens
 * it), source first, then the finding itself ("here"). `label` names a place for the reader
 * (a path relative to the workspace folder); related paths are URIs by now.
 */
export function pathMarkdown(finding: Finding, here: string, label: (uri: string) => string): string | undefined {
  const related = finding.related;
  if (!related || related.length === 0) return undefined;
  const shown: Array<RelatedLocation | undefined> =
    related.length > MAX_HOVER_PLACES
      ? [related[0], undefined, ...related.slice(related.length - MAX_HOVER_PLACES + 1)]
      : related;
  const line = (uri: string, zeroBased: number, message: string): string =>
    `- [${escapeLinkText(`${label(uri)}:${zeroBased + 1}`)}](${uri}#L${zeroBased + 1}) ${escapeMarkdown(message)}`;
  const lines = shown.map((r) =>
    r ? line(r.path, r.range.start.line, r.message) : `- … ${related.length - MAX_HOVER_PLACES} more`,
  );
  lines.push(line(here, finding.range.start.line, 'here'));
  return ['**Path:**', '', ...lines].join('\n');
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, '\\$&');
}

/** A related place's message as plain text in markdown (it may quote code: `req.query.x`, `*`). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}
