// Runs the nginx rules over one parse (with relative includes spliced in when the host read
// them). Suppressions are `# blah-security-ignore…` comments.
import { runIsolated, type LanguageAnalysis } from '../../core/language';
import { suppressionsInComments } from '../../core/suppressions';
import type { LineIndex } from '../../core/text';
import { nginxFacts } from './facts';
import { parseNginx, spliceIncludes } from './parser';
import type { NginxRule } from './rule';

export function analyzeNginx(
  text: string,
  rules: readonly NginxRule[],
  lines: LineIndex,
  companions?: Readonly<Record<string, string | null>>,
  onRule?: (ruleId: string | undefined) => void,
): LanguageAnalysis {
  const config = parseNginx(text);
  if (companions) spliceIncludes(config, companions);
  const { reports, ruleErrors } = runIsolated(rules, (rule, report) => rule.check({ config, lines, report }), onRule);
  const comments = config.comments.map((comment) => ({ start: comment.start, end: comment.end, line: lines.positionAt(comment.start).line }));
  let facts: ReturnType<typeof nginxFacts> = [];
  try {
    facts = nginxFacts(config);
  } catch {
    // Facts are evidence for workspace analysis; a configuration that defeats them gives none.
  }
  return { reports, facts, ruleErrors, suppressions: suppressionsInComments(text, comments) };
}
