// analyze(file, config) -> findings and facts. Pure: no file system, no process, no editor. The
// file's language adapter parses it and runs that language's rules; this layer decides which
// language, applies the configuration, suppressions and limits, and turns offsets into ranges.
import { defaultConfig, type ResolvedConfig } from '../core/config';
import {
  describeError,
  withoutDocumentText,
  type AnalyzeInput,
  type LanguageAnalysis,
  type RuleReport,
} from '../core/language';
import { isTestPath } from '../core/paths';
import type {
  DraftFinding,
  DraftFix,
  Fact,
  Finding,
  Fix,
  LanguageId,
  Range,
  RuleBase,
  RuleError,
  RuleLanguage,
  Severity,
} from '../core/rule';
import type { FileFlows, FlowConditional, FlowSink } from '../core/flows';
import { SuppressionUse, suppressionMark, suppressionOf, suppressionProblems } from '../core/suppressions';
import { compareRanges, flattenDeepNesting, LineIndex } from '../core/text';
import { allRules, type Rule } from '../rules';
import { adapterFor } from './adapters';
import { detectLanguage, UNSUPPORTED_FILE_TYPE } from './detect';

export type { AnalyzeInput } from '../core/language';

export interface AnalysisResult {
  language?: LanguageId;
  findings: Finding[];
  facts: Fact[];
  ruleErrors: RuleError[];
  /** Why the file was not analyzed, when it was not. */
  skipped?: string;
  /** What the file tells workspace linking: exports, sinks reached from its parameters, calls into other files. */
  flows?: FileFlows;
  /**
   * With `skipped`: the analysis was attempted and failed (the parser gave up, the analysis did
   * not finish in time or its worker died), so the file was not checked, rather than being a file
   * that is not analyzed (too large, binary, ignored, a template). A CI scan must not pass it.
   */
  failed?: true;
  /**
   * What is wrong with the file's suppression comments: ids no rule has (with the closest one as
   * the fix) and comments or ids that suppressed nothing (with their removal). Hosts decide which
   * to show: unknown ids always, unused ones where the user asked for them.
   */
  suppressionProblems?: SuppressionNotice[];
  /**
   * What of the file was not analyzed, when only part of it was (its findings are those of the
   * rest). A CI scan must not pass it either.
   */
  partial?: string;
  /**
   * Files it refers to that were not read because they lead outside the project (the workspace
   * folder, the scanned repository): said once per file, at the first place that names one.
   */
  notRead?: { range: Range; message: string };
}

export interface SuppressionNotice {
  kind: 'unknown-rule' | 'unused';
  range: Range;
  message: string;
  fix?: Fix;
}

/**
 * Bracket depth past which a file whose parser gave up is analyzed again with the deeper part
 * blanked. The compiler's parser recurses per level and overflows the stack on about 800 nested
 * parentheses; a file written by people nests far less than this.
 */
export const MAX_NESTING = 100;

/** Findings listed per rule and file; the rest are counted in one summary finding. */
export const MAX_FINDINGS_PER_RULE = 500;

/**
 * The analysis language of a file, or undefined when the engine has no analyzer for it. The
 * editor's language id wins, then the project's `languages` mapping (`mapped`), then the name;
 * names that only may be nginx (`*.conf`, `sites-enabled/default`) are decided by `text`.
 */
export function languageOf(
  path: string,
  languageId?: string,
  text?: string,
  mapped?: LanguageId,
): LanguageId | undefined {
  return detectLanguage(path, languageId, text, mapped);
}

/**
 * Files beside `path` that its analysis reads, as names relative to its folder. Hosts read them
 * (the engine has no file system) and pass them in `AnalyzeInput.companions`.
 */
export function companionFiles(
  path: string,
  languageId?: string,
  text?: string,
  read?: Readonly<Record<string, string | null>>,
): string[] {
  const language = languageOf(path, languageId, text);
  return language && text !== undefined
    ? adapterFor(language).companions(text, path, read)
    : language
      ? adapterFor(language).companions('', path, read)
      : [];
}

/** Rounds a host asks for companions of companions (an nginx snippet including another) at most. */
export const COMPANION_ROUNDS = 3;

/** Rules that run for `language` under `config` (rules set to "off" never run). */
export function enabledRules(
  language: RuleLanguage,
  config: ResolvedConfig,
  rules: readonly Rule[] = allRules,
): Rule[] {
  return rules.filter((rule) => rule.language === language && config.severities[rule.id] !== 'off');
}

export interface AnalyzeOptions {
  /**
   * Whether findings carry their fixes (default true). Editors analyze every keystroke without
   * them and ask again, with them, only when a code action or fix-all needs them.
   */
  fixes?: boolean;
  /**
   * Whether findings an inline suppression comment covers are kept, marked `suppressed` with
   * the comment's reason (default false: they are dropped). Reports that record suppressions
   * (SARIF, JSON) ask for them; editors never do.
   */
  keepSuppressed?: boolean;
}

export function analyze(
  input: AnalyzeInput,
  config: ResolvedConfig = defaultConfig,
  rules: readonly Rule[] = allRules,
  options: AnalyzeOptions = {},
): AnalysisResult {
  const withFixes = options.fixes !== false;
  const keepSuppressed = options.keepSuppressed === true;
  const posixPath = input.path.replace(/\\/g, '/');
  const language = languageOf(input.location ?? input.path, input.languageId, input.text, config.languageOf(posixPath));
  const empty = { findings: [], facts: [], ruleErrors: [] };
  if (!language) return { ...empty, skipped: UNSUPPORTED_FILE_TYPE };
  if (config.ignore.ignores(posixPath)) return { ...empty, language, skipped: 'ignored by the project configuration' };
  if (input.text.length > config.maxFileSize) {
    return {
      ...empty,
      language,
      skipped: `larger than the ${Math.round(config.maxFileSize / 1024)} KB limit (${Math.round(input.text.length / 1024)} KB)`,
    };
  }
  if (input.text.includes('\u0000')) return { ...empty, language, skipped: 'binary content (NUL bytes)' };
  const adapter = adapterFor(language);
  const notAnalyzable = adapter.notAnalyzable?.(input.text);
  if (notAnalyzable) return { ...empty, language, skipped: notAnalyzable };

  const active = enabledRules(language, config, rules);
  const lines = new LineIndex(input.text);
  let analysis: LanguageAnalysis;
  let partial: string | undefined;
  try {
    analysis = adapter.analyze(input, active, lines, config);
  } catch (error) {
    // A parser failure (a stack overflow on absurd nesting) fails the file, never the caller. When
    // the file nests deep, the rest of it is analyzed with the deep part blanked (same offsets):
    // a file must not hide a key and an injection by ending in 800 parentheses.
    const flattened = flattenDeepNesting(input.text, MAX_NESTING);
    const failure = {
      ...empty,
      language,
      skipped: `could not be analyzed (${describeError(error, input.text)})`,
      failed: true as const,
    };
    if (!flattened) return failure;
    try {
      const { incremental: _incremental, ...rest } = input;
      analysis = adapter.analyze({ ...rest, text: flattened.text }, active, lines, config);
    } catch {
      return failure;
    }
    const { line } = lines.positionAt(flattened.start);
    partial = `nesting deeper than ${MAX_NESTING} levels from line ${line + 1} on was not analyzed (${describeError(error, input.text)})`;
  }

  const ruleById = new Map(active.map((rule) => [rule.id, rule]));
  // Fixes are made once, here, and only when wanted; a factory that throws fails its rule.
  const fixesOf = new Map<DraftFinding, DraftFix[]>();
  const fixErrors: RuleError[] = [];
  if (withFixes) {
    let running: string | undefined;
    for (const { ruleId, finding } of analysis.reports) {
      if (!finding.fixes || fixErrors.some((e) => e.ruleId === ruleId)) continue;
      if (typeof finding.fixes !== 'function') {
        fixesOf.set(finding, finding.fixes);
        continue;
      }
      // A factory is the rule's code: a host watching for hangs must be able to name it.
      if (running !== ruleId) input.onRule?.((running = ruleId));
      try {
        fixesOf.set(finding, finding.fixes());
      } catch (error) {
        fixErrors.push({ ruleId, message: describeError(error, input.text) });
      }
    }
    if (running !== undefined) input.onRule?.(undefined);
  }
  // Rule errors reach logs, CI output and diagnostics: none may quote the document.
  const ruleErrors = [...analysis.ruleErrors, ...fixErrors].map((e) => ({
    ruleId: e.ruleId,
    message: withoutDocumentText(e.message, input.text),
  }));
  ruleErrors.push(...undeclaredFixes(analysis.reports, fixesOf, ruleById, new Set(ruleErrors.map((e) => e.ruleId))));
  const failed = new Set(ruleErrors.map((error) => error.ruleId));
  const testFile = isTestPath(input.path);
  const findings: Finding[] = [];
  const sinks: FlowSink[] = [];
  const conditionals: FlowConditional[] = [];
  const seen = new Set<string>();
  const perRule = new Map<string, number>();
  const overflow = new Map<string, { count: number; start: number }>();
  const used = new SuppressionUse();
  for (const { ruleId, finding } of analysis.reports) {
    const rule = ruleById.get(ruleId);
    if (!rule || failed.has(ruleId)) continue;
    if (finding.flow) {
      // A sink only other files' calls can taint: workspace linking decides (suppressions hold there too).
      const sink: FlowSink = {
        ...placed(ruleId, finding, rule, config, lines, testFile),
        kind: finding.flow.kind,
        origins: finding.flow.origins,
      };
      const suppression = suppressionOf(sink, analysis.suppressions, used);
      if (!suppression) sinks.push(sink);
      else if (keepSuppressed) sinks.push({ ...sink, suppressed: suppressionMark(suppression) });
      continue;
    }
    if (finding.when) {
      // A finding that depends on what another file's function does: linking decides.
      const conditional: FlowConditional = {
        ...placed(ruleId, finding, rule, config, lines, testFile),
        ...finding.when,
      };
      const suppression = suppressionOf(conditional, analysis.suppressions, used);
      if (!suppression) conditionals.push(conditional);
      else if (keepSuppressed) conditionals.push({ ...conditional, suppressed: suppressionMark(suppression) });
      continue;
    }
    // A suppressed finding is dropped before the cap below, so it takes no place among those listed.
    const range = lines.rangeOf(finding.start, finding.end);
    const suppression = suppressionOf({ ruleId, range }, analysis.suppressions, used);
    if (suppression && !keepSuppressed) continue;
    // Thousands of findings of one rule in one file help nobody and flood the editor: list the first ones.
    const count = (perRule.get(ruleId) ?? 0) + 1;
    perRule.set(ruleId, count);
    if (count > MAX_FINDINGS_PER_RULE) {
      const entry = overflow.get(ruleId) ?? { count: 0, start: finding.start };
      entry.count++;
      overflow.set(ruleId, entry);
      continue;
    }
    const configured = config.severities[ruleId];
    let severity: Severity = configured && configured !== 'off' ? configured : (finding.severity ?? rule.meta.severity);
    if (rule.meta.hintInTests && testFile) severity = 'hint';
    const result: Finding = {
      ruleId,
      severity,
      range,
      message: finding.message,
      fixes: (fixesOf.get(finding) ?? []).map((fix) => toFix(fix, lines)),
      ...(finding.unless && finding.unless.length > 0 ? { unless: finding.unless } : {}),
      ...(finding.related && finding.related.length > 0
        ? {
            // Places of this file: its path, as workspace linking names the places of a flow.
            related: finding.related.map((r) => ({
              path: posixPath,
              range: lines.rangeOf(r.start, r.end),
              message: r.message,
            })),
            ...(finding.dataFlow ? { dataFlow: true as const } : {}),
          }
        : {}),
      ...(suppression ? { suppressed: suppressionMark(suppression) } : {}),
    };
    const key = `${ruleId}:${finding.start}:${finding.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(result);
  }
  // Plain code-unit order: localeCompare is slow and locale-dependent.
  for (const [ruleId, { count, start }] of overflow) {
    findings.push({
      ruleId,
      severity: 'info',
      range: lines.rangeOf(start, start),
      message: `${count} more ${ruleId} findings in this file are not listed (the first ${MAX_FINDINGS_PER_RULE} are).`,
      fixes: [],
    });
  }
  findings.sort((a, b) => compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const facts: Fact[] = analysis.facts.map((fact) =>
    fact.start !== undefined && fact.end !== undefined
      ? { name: fact.name, value: fact.value, range: lines.rangeOf(fact.start, fact.end) }
      : { name: fact.name, value: fact.value },
  );
  const flows: FileFlows | undefined =
    analysis.flows || sinks.length > 0 || conditionals.length > 0
      ? {
          exports: analysis.flows?.exports ?? [],
          sinks,
          calls: analysis.flows?.calls ?? [],
          ...(analysis.flows?.traits?.length ? { traits: analysis.flows.traits } : {}),
          ...(conditionals.length > 0 ? { conditionals } : {}),
        }
      : undefined;
  const problems = judgeSuppressions(input.text, lines, analysis, used, {
    language,
    rules,
    active: ruleById,
    undecided: failed,
  });
  return {
    language,
    findings,
    facts,
    ruleErrors,
    ...(flows ? { flows } : {}),
    ...(problems.length > 0 ? { suppressionProblems: problems } : {}),
    ...(partial ? { partial } : {}),
    ...(analysis.outside && analysis.outside.length > 0 ? { notRead: notReadNotice(analysis.outside, lines) } : {}),
  };
}

/** Names shown in a notice about files not read; the rest are counted. */
const MAX_NAMES_SHOWN = 3;

/** The one notice of a file about the files it names that lead outside the project. */
function notReadNotice(
  places: NonNullable<LanguageAnalysis['outside']>,
  lines: LineIndex,
): { range: Range; message: string } {
  const names = [...new Set(places.map((p) => p.name))];
  const shown = names
    .slice(0, MAX_NAMES_SHOWN)
    .map((n) => `\`${n}\``)
    .join(', ');
  const more = names.length > MAX_NAMES_SHOWN ? ` and ${names.length - MAX_NAMES_SHOWN} more` : '';
  const subject = names.length === 1 ? `${shown} was` : `${names.length} files it refers to (${shown}${more}) were`;
  return {
    range: lines.rangeOf(places[0].start, places[0].end),
    message: `${subject} not read: BLAH Security follows no path out of the project (or out of an nginx configuration's folder). What ${names.length === 1 ? 'it sets' : 'they set'} is not part of this analysis.`,
  };
}

/**
 * The suppression comments' problems, located. An id is judged unused only when its rule ran
 * on the file and did not fail (every finding, listed or over the cap, is checked against the
 * suppressions); a rule of another language never
 * applies here, so its id is judged too. Ids that are not registered rules are unknown.
 */
function judgeSuppressions(
  text: string,
  lines: LineIndex,
  analysis: LanguageAnalysis,
  used: SuppressionUse,
  context: {
    language: LanguageId;
    rules: readonly Rule[];
    active: ReadonlyMap<string, RuleBase>;
    undecided: ReadonlySet<string>;
  },
): SuppressionNotice[] {
  if (analysis.suppressions.length === 0) return [];
  const registered = new Map<string, RuleBase>([...allRules, ...context.rules].map((rule) => [rule.id, rule]));
  const problems = suppressionProblems(text, analysis.suppressions, used, {
    knownRuleIds: [...registered.keys()],
    undecided: (id) =>
      context.undecided.has(id) || (!context.active.has(id) && registered.get(id)?.language === context.language),
  });
  return problems.map((problem) => ({
    kind: problem.kind,
    range: lines.rangeOf(problem.start, problem.end),
    message: problem.message,
    ...(problem.fix
      ? {
          fix: {
            title: problem.fix.title,
            kind: 'fix' as const,
            edits: [{ range: lines.rangeOf(problem.fix.start, problem.fix.end), newText: problem.fix.newText }],
          },
        }
      : {}),
  }));
}

/** A finding's rule, severity (as configured), range and message, for workspace linking to raise later. */
function placed(
  ruleId: string,
  finding: DraftFinding,
  rule: RuleBase,
  config: ResolvedConfig,
  lines: LineIndex,
  testFile: boolean,
): Pick<Finding, 'ruleId' | 'severity' | 'range' | 'message'> {
  const configured = config.severities[ruleId];
  let severity: Severity = configured && configured !== 'off' ? configured : (finding.severity ?? rule.meta.severity);
  if (rule.meta.hintInTests && testFile) severity = 'hint';
  return { ruleId, severity, range: lines.rangeOf(finding.start, finding.end), message: finding.message };
}

/**
 * A rule's metadata says which fixes it offers (`fixable`: safe fixes; `hasSuggestions`), and
 * the docs, the README and fix-all rely on it: a rule that reports another kind is in error,
 * and its findings are dropped (as ESLint's linter throws on an undeclared fixer).
 */
function undeclaredFixes(
  reports: readonly RuleReport[],
  fixesOf: ReadonlyMap<DraftFinding, DraftFix[]>,
  rules: ReadonlyMap<string, RuleBase>,
  failed: ReadonlySet<string>,
): RuleError[] {
  const errors = new Map<string, RuleError>();
  for (const { ruleId, finding } of reports) {
    const rule = rules.get(ruleId);
    const fixes = fixesOf.get(finding) ?? (Array.isArray(finding.fixes) ? finding.fixes : undefined);
    if (!rule || !fixes || errors.has(ruleId) || failed.has(ruleId)) continue;
    for (const fix of fixes) {
      const declared = fix.kind === 'fix' ? rule.meta.fixable === true : rule.meta.hasSuggestions === true;
      if (declared) continue;
      const property = fix.kind === 'fix' ? 'fixable' : 'hasSuggestions';
      errors.set(ruleId, { ruleId, message: `reported a ${fix.kind} but its metadata does not set ${property}` });
      break;
    }
  }
  return [...errors.values()];
}

function toFix(fix: DraftFix, lines: LineIndex): Fix {
  const result: Fix = {
    title: fix.title,
    kind: fix.kind,
    edits: fix.edits.map((edit) => ({ range: lines.rangeOf(edit.start, edit.end), newText: edit.newText })),
  };
  if (fix.appendToFile) result.appendToFile = fix.appendToFile;
  return result;
}
