// One parse (with relative includes spliced in when the host read them) and one walk for every
// nginx rule: rules subscribe to directives, the walk dispatches each directive to its
// subscribers. A rule that throws is reported once, its partial output dropped; the others go
// on. Suppressions are `# blah-security-ignore…` comments.
import { describeError, ruleWatch, type LanguageAnalysis, type RuleReport } from '../../core/language';
import type { DraftFinding, RuleError } from '../../core/rule';
import { suppressionsInComments } from '../../core/suppressions';
import type { LineIndex } from '../../core/text';
import { nginxFacts } from './facts';
import { allDirectives, effectiveDirectives, parseNginx, spliceIncludes, type NginxDirective } from './parser';
import type { DirectiveVisitor, NginxRule, NginxVisitors } from './rule';

type Listener = { ruleIndex: number; visit: DirectiveVisitor };

/** Subscriptions by directive: to every one, and by name. */
class Table {
  readonly every: Listener[] = [];
  readonly byName = new Map<string, Listener[]>();

  add(ruleIndex: number, visitors: NginxVisitors): void {
    if (visitors.directive) this.every.push({ ruleIndex, visit: visitors.directive });
    for (const [name, visit] of Object.entries(visitors.directives ?? {})) {
      const list = this.byName.get(name);
      if (list) list.push({ ruleIndex, visit });
      else this.byName.set(name, [{ ruleIndex, visit }]);
    }
  }

  get empty(): boolean {
    return this.every.length === 0 && this.byName.size === 0;
  }
}

export function analyzeNginx(
  text: string,
  rules: readonly NginxRule[],
  lines: LineIndex,
  companions?: Readonly<Record<string, string | null>>,
  onRule?: (ruleId: string | undefined) => void,
): LanguageAnalysis {
  const config = parseNginx(text);
  if (companions) spliceIncludes(config, companions);

  const reports: RuleReport[] = [];
  /** The rule index of each report, to drop a failed rule's. */
  const owners: number[] = [];
  const errors: Array<RuleError | undefined> = new Array<RuleError | undefined>(rules.length);
  const fail = (ruleIndex: number, error: unknown): void => {
    errors[ruleIndex] ??= { ruleId: rules[ruleIndex].id, message: describeError(error) };
  };

  // Which rule runs, for a host's watchdog (AnalyzeInput.onRule).
  const enter = ruleWatch(rules, onRule);

  // Directives written here go to every subscriber; spliced-in ones only to rules that asked.
  const own = new Table();
  const foreign = new Table();
  const endHooks: Array<{ ruleIndex: number; end: () => void }> = [];
  rules.forEach((rule, ruleIndex) => {
    const report = (finding: DraftFinding): void => {
      reports.push({ ruleId: rule.id, finding });
      owners.push(ruleIndex);
    };
    let visitors: NginxVisitors;
    enter(ruleIndex);
    try {
      visitors = rule.create({ config, lines, report });
    } catch (error) {
      fail(ruleIndex, error);
      return;
    }
    own.add(ruleIndex, visitors);
    if (visitors.included) foreign.add(ruleIndex, visitors);
    if (visitors.end) endHooks.push({ ruleIndex, end: visitors.end });
  });

  const run = (listeners: readonly Listener[] | undefined, directive: NginxDirective): void => {
    if (!listeners) return;
    for (const listener of listeners) {
      if (errors[listener.ruleIndex]) continue;
      enter(listener.ruleIndex);
      try {
        listener.visit(directive);
      } catch (error) {
        fail(listener.ruleIndex, error);
      }
    }
  };
  if (!own.empty) {
    // Every descendant of a spliced-in directive is spliced in too: without subscribers for
    // them, the walk skips them whole.
    for (const directive of foreign.empty ? allDirectives(config.directives) : effectiveDirectives(config.directives)) {
      const table = directive.foreign ? foreign : own;
      run(table.every, directive);
      run(table.byName.get(directive.name), directive);
    }
  }
  for (const { ruleIndex, end } of endHooks) {
    if (errors[ruleIndex]) continue;
    enter(ruleIndex);
    try {
      end();
    } catch (error) {
      fail(ruleIndex, error);
    }
  }
  enter(-1);

  const comments = config.comments.map((comment) => ({
    start: comment.start,
    end: comment.end,
    line: lines.positionAt(comment.start).line,
  }));
  let facts: ReturnType<typeof nginxFacts> = [];
  try {
    facts = nginxFacts(config);
  } catch {
    // Facts are evidence for workspace analysis; a configuration that defeats them gives none.
  }
  return {
    reports: errors.some((e) => e !== undefined) ? reports.filter((_, i) => !errors[owners[i]]) : reports,
    facts,
    ruleErrors: errors.filter((e): e is RuleError => e !== undefined),
    suppressions: suppressionsInComments(text, comments),
  };
}
