// Runs the Dockerfile rules over one parsed model; a rule that throws is reported once and the
// others go on. Suppressions are `# blah-security-ignore…` comment lines.
import type { ResolvedConfig } from '../../engine/config';
import type { AnalyzeInput } from '../../engine/analyze';
import { describeError, type LanguageAnalysis, type RuleReport } from '../../engine/language';
import type { RuleError } from '../../engine/rule';
import { IGNORE_LINE, parseDirective, type Suppression } from '../../engine/suppressions';
import type { LineIndex } from '../../engine/text';
import { DockerModel } from './model';
import type { DockerRule } from './rule';

export function analyzeDockerfile(input: AnalyzeInput, rules: readonly DockerRule[], lines: LineIndex, config: ResolvedConfig): LanguageAnalysis {
  const model = new DockerModel(input.text, input.path, lines);
  const reports: RuleReport[] = [];
  const ruleErrors: RuleError[] = [];
  for (const rule of rules) {
    const own: RuleReport[] = [];
    try {
      rule.check({ model, config, companions: input.companions, report: (finding) => own.push({ ruleId: rule.id, finding }) });
      reports.push(...own);
    } catch (error) {
      ruleErrors.push({ ruleId: rule.id, message: describeError(error) });
    }
  }
  return { reports, facts: [], ruleErrors, suppressions: dockerSuppressions(model) };
}

function dockerSuppressions(model: DockerModel): Suppression[] {
  const suppressions: Suppression[] = [];
  for (const comment of model.dockerfile.getComments()) {
    const span = model.spanOf(comment.getRange());
    const at = model.text.indexOf(IGNORE_LINE, span.start);
    if (at < 0 || at >= span.end) continue;
    const suppression = parseDirective(model.text, at, comment.getRange().start.line);
    if (suppression) suppressions.push(suppression);
  }
  return suppressions;
}
