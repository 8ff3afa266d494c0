// One parse and one walk for every Dockerfile rule: rules subscribe to instructions by keyword,
// the walk dispatches each instruction to its subscribers. A rule that throws is reported once,
// its partial output dropped; the others go on. Suppressions are `# blah-security-ignore…`
// comment lines.
import type { From } from 'dockerfile-ast';
import type { ResolvedConfig } from '../../core/config';
import { IsolatedRules, type AnalyzeInput, type LanguageAnalysis } from '../../core/language';
import { suppressionsInComments } from '../../core/suppressions';
import type { LineIndex } from '../../core/text';
import { DockerModel, type Stage } from './model';
import type { DockerRule, DockerVisitors, InstructionVisitor } from './rule';

type Listener<V> = { ruleIndex: number; visit: V };

export function analyzeDockerfile(
  input: AnalyzeInput,
  rules: readonly DockerRule[],
  lines: LineIndex,
  config: ResolvedConfig,
): LanguageAnalysis {
  const model = new DockerModel(input.text, input.path, lines);

  const isolated = new IsolatedRules(rules, input.onRule);
  const every: Array<Listener<InstructionVisitor>> = [];
  const froms: Array<Listener<(from: From, stage: Stage) => void>> = [];
  const byKeyword = new Map<string, Array<Listener<InstructionVisitor>>>();
  const endHooks: Array<Listener<() => void>> = [];
  rules.forEach((rule, ruleIndex) => {
    let visitors: DockerVisitors | undefined;
    isolated.run(ruleIndex, () => {
      visitors = rule.create({ model, config, companions: input.companions, report: isolated.reporter(ruleIndex) });
    });
    if (!visitors) return;
    for (const key of Object.keys(visitors) as Array<keyof DockerVisitors>) {
      if (key === 'FROM' || key === 'instruction' || key === 'end') continue;
      const visit = visitors[key];
      if (!visit) continue;
      const list = byKeyword.get(key);
      if (list) list.push({ ruleIndex, visit });
      else byKeyword.set(key, [{ ruleIndex, visit }]);
    }
    if (visitors.FROM) froms.push({ ruleIndex, visit: visitors.FROM });
    if (visitors.instruction) every.push({ ruleIndex, visit: visitors.instruction });
    if (visitors.end) endHooks.push({ ruleIndex, visit: visitors.end });
  });

  function run<I>(
    listeners: ReadonlyArray<Listener<(instruction: I, stage: Stage) => void>> | undefined,
    instruction: I,
    stage: Stage,
  ): void {
    if (!listeners) return;
    for (const { ruleIndex, visit } of listeners) isolated.run(ruleIndex, () => visit(instruction, stage));
  }
  for (const stage of model.stages) {
    run(every, stage.from, stage);
    run(froms, stage.from, stage);
    for (const instruction of stage.instructions) {
      run(every, instruction, stage);
      if (byKeyword.size > 0) run(byKeyword.get(instruction.getKeyword()), instruction, stage);
    }
  }
  for (const { ruleIndex, visit } of endHooks) isolated.run(ruleIndex, visit);
  const { reports, ruleErrors } = isolated.finish();

  const comments = model.dockerfile
    .getComments()
    .map((comment) => ({ ...model.spanOf(comment.getRange()), line: comment.getRange().start.line }));
  // A .dockerignore beside the Dockerfile that leads outside the project (a link) says nothing
  // of what the build sends. Those of build contexts above are guesses, refused quietly.
  const outside = (input.outside ?? [])
    .filter((name) => name.endsWith('.dockerignore') && !name.includes('/'))
    .map((name) => ({ name, start: 0, end: 0 }));
  return {
    reports,
    facts: [],
    ruleErrors,
    suppressions: suppressionsInComments(model.text, comments),
    ...(outside.length > 0 ? { outside } : {}),
  };
}
