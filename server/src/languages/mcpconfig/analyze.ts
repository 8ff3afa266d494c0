// One parse and one walk for every MCP configuration rule: each rule is handed every server,
// a rule that throws is reported once and its partial output dropped. Suppressions are
// `// blah-security-ignore…` comments (the JSONC files of VS Code and Cursor allow them).
import type { ResolvedConfig } from '../../core/config';
import { IsolatedRules, type AnalyzeInput, type LanguageAnalysis } from '../../core/language';
import { suppressionsInComments } from '../../core/suppressions';
import type { LineIndex } from '../../core/text';
import { McpConfigModel, type McpClient } from './model';
import type { McpConfigRule } from './rule';

export function analyzeMcpConfig(
  input: AnalyzeInput,
  client: McpClient,
  rules: readonly McpConfigRule[],
  lines: LineIndex,
  config: ResolvedConfig,
): LanguageAnalysis {
  const model = new McpConfigModel(input.text, input.path, lines, client);
  const isolated = new IsolatedRules(rules, input.onRule);
  const visitors = rules.map((rule, ruleIndex) => {
    let made: ReturnType<McpConfigRule['create']> | undefined;
    isolated.run(ruleIndex, () => {
      made = rule.create({ model, config, report: isolated.reporter(ruleIndex) });
    });
    return made;
  });
  for (const server of model.servers)
    visitors.forEach((visit, ruleIndex) => {
      if (visit?.server) isolated.run(ruleIndex, () => visit.server!(server));
    });
  visitors.forEach((visit, ruleIndex) => {
    if (visit?.end) isolated.run(ruleIndex, visit.end);
  });
  const { reports, ruleErrors } = isolated.finish();
  const suppressions = input.text.includes('blah-security-ignore')
    ? suppressionsInComments(model.text, model.comments())
    : [];
  return { reports, facts: [], ruleErrors, suppressions };
}
