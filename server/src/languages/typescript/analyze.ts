// One parse and one walk per file: every enabled rule subscribes to node kinds and the walk
// dispatches each node to the subscribers. A rule that throws is reported once and dropped
// for the rest of the file; the other rules go on.
import ts from 'typescript';
import {
  describeError,
  ruleWatch,
  type AnalyzeInput,
  type DraftFact,
  type LanguageAnalysis,
  type RuleReport,
} from '../../core/language';
import type { FileFlows } from '../../core/flows';
import type { DraftFinding, RuleError } from '../../core/rule';
import { findDirectiveCandidates, parseDirective, type Suppression } from '../../core/suppressions';
import type { LineIndex } from '../../core/text';
import { scriptKindForPath, TsFile } from './file';
import { memberAliases, mentionsModule, namesReaching } from './modules';
import type { CallFilter, TsRule, TsRuleContext, TsVisitors } from './rule';
import { skipOuterExpressions } from './values';

type Listener = { ruleIndex: number; visit: (node: ts.Node) => void };

/** Parsed files kept by a host between analyses of the same document, for incremental reparsing. */
export type ParseCache = Map<string, { file: ts.SourceFile; incremental: number }>;

/**
 * Incremental trees share structure with their predecessors; a full parse now and then keeps a
 * long editing session from accumulating it (heap after GC over 20,000 edits: +3% with a full
 * parse every 50, +9% with none, +3 to +10% every 200). Hosts do it while idle (refreshParses)
 * after REFRESH_AFTER reparses, so a keystroke seldom pays for it; past FULL_PARSE_LIMIT
 * reparses without a pause, the next analysis does it.
 */
export const REFRESH_AFTER = 10;
const FULL_PARSE_LIMIT = 50;

/** Replaces trees reparsed REFRESH_AFTER times or more by full parses of the same text (for idle time). */
export function refreshParses(cache: ParseCache): void {
  for (const [key, entry] of cache) {
    if (entry.incremental < REFRESH_AFTER) continue;
    const { fileName, text } = entry.file;
    cache.set(key, {
      file: ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindForPath(fileName)),
      incremental: 0,
    });
  }
}

type CacheEntry = { file: ts.SourceFile; incremental: number };

function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<CacheEntry>;
  return (
    typeof entry.incremental === 'number' &&
    typeof entry.file === 'object' &&
    entry.file !== null &&
    typeof entry.file.fileName === 'string'
  );
}

/**
 * One walk over the file for every rule. `facts` turns the file into the workspace facts that
 * are library knowledge (which imports mean helmet, a limiter, auth); the engine hands it in,
 * since a language does not know libraries.
 */
export function analyzeTypeScript(
  input: AnalyzeInput,
  rules: readonly TsRule[],
  lines: LineIndex,
  fileFacts?: (file: TsFile) => DraftFact[],
  fileFlows?: (file: TsFile, lines: LineIndex) => FileFlows | undefined,
): LanguageAnalysis {
  const { text, path, incremental: cache } = input;
  const entry = cache?.files.get(cache.key);
  const reuse =
    isCacheEntry(entry) && entry.file.fileName === path && entry.incremental < FULL_PARSE_LIMIT ? entry : undefined;
  const file = new TsFile(text, path, reuse?.file);
  if (cache) {
    // Most recently used last; a handful of open documents is plenty.
    cache.files.delete(cache.key);
    cache.files.set(cache.key, {
      file: file.sourceFile,
      incremental: reuse ? reuse.incremental + 1 : 0,
    } satisfies CacheEntry);
    if (cache.files.size > 32) cache.files.delete(cache.files.keys().next().value!);
  }
  const reports: RuleReport[] = [];
  const facts: DraftFact[] = [];
  const ruleErrors: RuleError[] = [];
  const failed = new Array<boolean>(rules.length).fill(false);

  // Which rule runs, for a host's watchdog (AnalyzeInput.onRule).
  const enter = ruleWatch(rules, input.onRule);

  const fail = (ruleIndex: number, error: unknown): void => {
    if (failed[ruleIndex]) return;
    failed[ruleIndex] = true;
    ruleErrors.push({ ruleId: rules[ruleIndex].id, message: describeError(error) });
  };

  const table: Listener[][] = [];
  // Call visitors with a filter, by the callee names they accept.
  const callsByName = new Map<string, Listener[]>();
  const endHooks: Array<{ ruleIndex: number; onEnd: () => void }> = [];
  rules.forEach((rule, ruleIndex) => {
    const context: TsRuleContext = {
      file,
      report: (finding: DraftFinding) => {
        if (!failed[ruleIndex]) reports.push({ ruleId: rule.id, finding });
      },
      fact: (name, value, node) => {
        facts.push(node ? { name, value, start: file.start(node), end: node.end } : { name, value });
      },
    };
    let visitors: TsVisitors;
    enter(ruleIndex);
    try {
      visitors = rule.create(context);
    } catch (error) {
      fail(ruleIndex, error);
      return;
    }
    const { onEnd, calls, ...byKind } = visitors;
    if (onEnd) endHooks.push({ ruleIndex, onEnd });
    for (const [key, visit] of Object.entries(byKind)) {
      const kind = Number(key);
      const listener = { ruleIndex, visit: visit as (node: ts.Node) => void };
      if (kind === ts.SyntaxKind.CallExpression && calls) {
        enter(ruleIndex);
        try {
          for (const name of acceptedCallNames(file, calls)) {
            const list = callsByName.get(name);
            if (list) list.push(listener);
            else callsByName.set(name, [listener]);
          }
        } catch (error) {
          fail(ruleIndex, error);
        }
        continue;
      }
      (table[kind] ??= []).push(listener);
    }
  });

  const run = (listeners: readonly Listener[], node: ts.Node): void => {
    for (const listener of listeners) {
      if (failed[listener.ruleIndex]) continue;
      enter(listener.ruleIndex);
      try {
        listener.visit(node);
      } catch (error) {
        fail(listener.ruleIndex, error);
      }
    }
  };
  const filtersCalls = callsByName.size > 0;
  // A walk of its own, not file.nodes: most files never need that list, and walking is what costs.
  const visit = (node: ts.Node): void => {
    const listeners = table[node.kind];
    if (listeners) run(listeners, node);
    if (filtersCalls && node.kind === ts.SyntaxKind.CallExpression) {
      const callee = skipOuterExpressions((node as ts.CallExpression).expression);
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      const filtered = name === undefined ? undefined : callsByName.get(name);
      if (filtered) run(filtered, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);

  for (const { ruleIndex, onEnd } of endHooks) {
    if (failed[ruleIndex]) continue;
    enter(ruleIndex);
    try {
      onEnd();
    } catch (error) {
      fail(ruleIndex, error);
    }
  }

  enter(-1);
  try {
    if (fileFacts) facts.push(...fileFacts(file));
  } catch {
    // Facts are evidence for the workspace checklist; a file that defeats them simply gives none.
  }
  let flows: FileFlows | undefined;
  try {
    flows = fileFlows?.(file, lines);
  } catch {
    // Likewise: a file whose flows cannot be summarized links to nothing.
  }
  return {
    reports: reports.filter((r) => !ruleErrors.some((e) => e.ruleId === r.ruleId)),
    facts,
    ruleErrors,
    suppressions: typeScriptSuppressions(file, lines),
    ...(flows ? { flows } : {}),
  };
}

/** Every callee name a filtered call visitor accepts in this file. */
function acceptedCallNames(file: TsFile, calls: CallFilter): Set<string> {
  const names = new Set<string>(calls.names);
  const module = calls.module;
  if (module && mentionsModule(file, module.key, module.modules)) {
    for (const name of module.members) names.add(name);
    for (const name of memberAliases(file, module.key, module.members)) names.add(name);
  }
  if (calls.reaching)
    for (const name of namesReaching(file, calls.reaching.key, calls.reaching.modules)) names.add(name);
  return names;
}

function typeScriptSuppressions(file: TsFile, lines: LineIndex): Suppression[] {
  const suppressions: Suppression[] = [];
  for (const offset of findDirectiveCandidates(file.text)) {
    if (!file.isInComment(offset)) continue;
    const suppression = parseDirective(file.text, offset, lines.positionAt(offset).line);
    if (suppression) suppressions.push(suppression);
  }
  return suppressions;
}
