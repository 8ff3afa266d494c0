// Runs the nginx rules over one parse; a rule that throws is reported once and the others go on.
import { describeError, type LanguageAnalysis, type RuleReport } from '../../engine/language';
import type { RuleError } from '../../engine/rule';
import { IGNORE_LINE, parseDirective, type Suppression } from '../../engine/suppressions';
import type { LineIndex } from '../../engine/text';
import { parseNginx, spliceIncludes } from './parser';
import type { NginxRule } from './rule';

export function analyzeNginx(text: string, rules: readonly NginxRule[], lines: LineIndex, companions?: Readonly<Record<string, string | null>>): LanguageAnalysis {
  const config = parseNginx(text);
  if (companions) spliceIncludes(config, companions);
  const reports: RuleReport[] = [];
  const ruleErrors: RuleError[] = [];
  for (const rule of rules) {
    const own: RuleReport[] = [];
    try {
      rule.check({ config, lines, report: (finding) => own.push({ ruleId: rule.id, finding }) });
      reports.push(...own);
    } catch (error) {
      ruleErrors.push({ ruleId: rule.id, message: describeError(error) });
    }
  }
  const suppressions: Suppression[] = [];
  for (const comment of config.comments) {
    const at = text.indexOf(IGNORE_LINE, comment.start);
    if (at < 0 || at >= comment.end) continue;
    const suppression = parseDirective(text, at, lines.positionAt(comment.start).line);
    if (suppression) suppressions.push(suppression);
  }
  return { reports, facts: [], ruleErrors, suppressions };
}
