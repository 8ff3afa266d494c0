// One parse and one walk for every Dockerfile rule: rules subscribe to instructions by keyword,
// the walk dispatches each instruction to its subscribers. A rule that throws is reported once,
// its partial output dropped; the others go on. Suppressions are `# blah-security-ignore…`
// comment lines.
import type { From } from 'dockerfile-ast';
import type { ResolvedConfig } from '../../core/config';
import {
  describeError,
  ruleWatch,
  type AnalyzeInput,
  type LanguageAnalysis,
  type RuleReport,
} from '../../core/language';
import type { DraftFinding, RuleError } from '../../core/rule';
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

  const reports: RuleReport[] = [];
  /** The rule index of each report, to drop a failed rule's. */
  const owners: number[] = [];
  const errors: Array<RuleError | undefined> = new Array<RuleError | undefined>(rules.length);
  const fail = (ruleIndex: number, error: unknown): void => {
    errors[ruleIndex] ??= { ruleId: rules[ruleIndex].id, message: describeError(error) };
  };

  // Which rule runs, for a host's watchdog (AnalyzeInput.onRule).
  const enter = ruleWatch(rules, input.onRule);

  const every: Array<Listener<InstructionVisitor>> = [];
  const froms: Array<Listener<(from: From, stage: Stage) => void>> = [];
  const byKeyword = new Map<string, Array<Listener<InstructionVisitor>>>();
  const endHooks: Array<Listener<() => void>> = [];
  rules.forEach((rule, ruleIndex) => {
    const report = (finding: DraftFinding): void => {
      reports.push({ ruleId: rule.id, finding });
      owners.push(ruleIndex);
    };
    let visitors: DockerVisitors;
    enter(ruleIndex);
    try {
      visitors = rule.create({ model, config, companions: input.companions, report });
    } catch (error) {
      fail(ruleIndex, error);
      return;
    }
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
    for (const listener of listeners) {
      if (errors[listener.ruleIndex]) continue;
      enter(listener.ruleIndex);
      try {
        listener.visit(instruction, stage);
      } catch (error) {
        fail(listener.ruleIndex, error);
      }
    }
  }
  for (const stage of model.stages) {
    run(every, stage.from, stage);
    run(froms, stage.from, stage);
    for (const instruction of stage.instructions) {
      run(every, instruction, stage);
      if (byKeyword.size > 0) run(byKeyword.get(instruction.getKeyword()), instruction, stage);
    }
  }
  for (const { ruleIndex, visit } of endHooks) {
    if (errors[ruleIndex]) continue;
    enter(ruleIndex);
    try {
      visit();
    } catch (error) {
      fail(ruleIndex, error);
    }
  }
  enter(-1);

  const comments = model.dockerfile
    .getComments()
    .map((comment) => ({ ...model.spanOf(comment.getRange()), line: comment.getRange().start.line }));
  return {
    reports: errors.some((e) => e !== undefined) ? reports.filter((_, i) => !errors[owners[i]]) : reports,
    facts: [],
    ruleErrors: errors.filter((e): e is RuleError => e !== undefined),
    suppressions: suppressionsInComments(model.text, comments),
  };
}
