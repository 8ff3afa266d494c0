// Runs the Dockerfile rules over one parsed model. Suppressions are `# blah-security-ignore…`
// comment lines.
import type { AnalyzeInput } from '../../core/language';
import type { ResolvedConfig } from '../../core/config';
import { runIsolated, type LanguageAnalysis } from '../../core/language';
import { suppressionsInComments } from '../../core/suppressions';
import type { LineIndex } from '../../core/text';
import { DockerModel } from './model';
import type { DockerRule } from './rule';

export function analyzeDockerfile(input: AnalyzeInput, rules: readonly DockerRule[], lines: LineIndex, config: ResolvedConfig): LanguageAnalysis {
  const model = new DockerModel(input.text, input.path, lines);
  const { reports, ruleErrors } = runIsolated(rules, (rule, report) => rule.check({ model, config, companions: input.companions, report }), input.onRule);
  const comments = model.dockerfile.getComments().map((comment) => ({ ...model.spanOf(comment.getRange()), line: comment.getRange().start.line }));
  return { reports, facts: [], ruleErrors, suppressions: suppressionsInComments(model.text, comments) };
}
