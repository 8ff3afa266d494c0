// One parse (with relative includes spliced in when the host read them) and one walk for every
// nginx rule: rules subscribe to directives, the walk dispatches each directive to its
// subscribers. A rule that throws is reported once, its partial output dropped; the others go
// on. Suppressions are `# blah-security-ignore…` comments.
import { IsolatedRules, type LanguageAnalysis } from '../../core/language';
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

  const isolated = new IsolatedRules(rules, onRule);
  // Directives written here go to every subscriber; spliced-in ones only to rules that asked.
  const own = new Table();
  const foreign = new Table();
  const endHooks: Array<{ ruleIndex: number; end: () => void }> = [];
  rules.forEach((rule, ruleIndex) => {
    let visitors: NginxVisitors | undefined;
    isolated.run(ruleIndex, () => {
      visitors = rule.create({ config, lines, report: isolated.reporter(ruleIndex) });
    });
    if (!visitors) return;
    own.add(ruleIndex, visitors);
    if (visitors.included) foreign.add(ruleIndex, visitors);
    if (visitors.end) endHooks.push({ ruleIndex, end: visitors.end });
  });

  const run = (listeners: readonly Listener[] | undefined, directive: NginxDirective): void => {
    if (!listeners) return;
    for (const { ruleIndex, visit } of listeners) isolated.run(ruleIndex, () => visit(directive));
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
  for (const { ruleIndex, end } of endHooks) isolated.run(ruleIndex, end);
  const { reports, ruleErrors } = isolated.finish();

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
    reports,
    facts,
    ruleErrors,
    suppressions: suppressionsInComments(text, comments),
  };
}
