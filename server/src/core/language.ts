// A language adapter: everything the engine needs of one file type (which files it claims, by
// name and by content; the files beside a file its analysis reads; the analysis itself), and
// what an analysis hands back, still in offsets of the analyzed text. A new file type is one
// adapter in languages/<type>/ and one line in the engine's list.
import type { ResolvedConfig } from './config';
import type { FileFlows } from './flows';
import type { DraftFinding, FactValue, LanguageId, RuleBase, RuleError } from './rule';
import type { Suppression } from './suppressions';
import type { LineIndex } from './text';

/** What the engine analyzes: one file's text and what the host read beside it. */
export interface AnalyzeInput {
  /** Path relative to the project root (POSIX separators) or absolute; used for globs and test detection. */
  path: string;
  text: string;
  /** The editor's language id, when known; otherwise the path decides. */
  languageId?: string;
  /**
   * The file's full path (or URI path) when `path` is relative to a project root: the folders
   * above the root still tell a language (`sites-available/default` scanned as `default`).
   */
  location?: string;
  /**
   * Other files the analysis reads (see the adapter's `companions`), by the name it gave: text,
   * or null when the file does not exist. A missing key means "unknown": rules that need the
   * file stay quiet rather than guess.
   */
  companions?: Readonly<Record<string, string | null>>;
  /**
   * Companion names the host would not read because they lead outside the folder it may read
   * (the workspace folder, the scanned repository), even through a link: they are null in
   * `companions` too, and the analysis says where a file needed one.
   */
  outside?: readonly string[];
  /**
   * Host-owned memory of earlier parses of the same document (`key`), so a keystroke reparses
   * only what changed. The engine keeps no state of its own; each language keeps its own
   * entries in `files`.
   */
  incremental?: { key: string; files: Map<string, unknown> };
  /**
   * Told the id of a rule before the analysis calls into it, and undefined when the analysis is
   * in code of no rule (parsing, suppressions), so that a host watching from another thread can
   * name the rule a run that never returns is stuck in. Called when the running rule changes.
   */
  onRule?: (ruleId: string | undefined) => void;
}

/** How sure a file's name makes a language: certain, or a candidate its content must confirm. */
export type NameClaim = 'certain' | 'candidate';

export interface LanguageAdapter {
  readonly id: LanguageId;
  /** Editor language ids (VS Code's) that mean this language. */
  readonly editorLanguageIds: readonly string[];
  /**
   * Glob patterns (LSP syntax) of the files of this language an editor should watch on disk.
   * Brace groups hold plain names only (`{a,b}`, never `{*.a,b}`): not every client parses more.
   */
  readonly watchGlobs: readonly string[];
  /** Whether the file's name (a path, POSIX or not) makes it this language. */
  claimsName(path: string): NameClaim | undefined;
  /** For a candidate name: whether the text reads as this language. */
  claimsContent?(text: string): boolean;
  /** Why a file of this language cannot be analyzed as it is (a template of it), if so. */
  notAnalyzable?(text: string): string | undefined;
  /**
   * Files beside the file (names relative to its folder) that its analysis reads. `read` holds
   * the companions a host has read so far: a host asks again with them until no new name comes
   * (an included nginx snippet names the snippets it includes).
   */
  companions(text: string, path: string, read?: Readonly<Record<string, string | null>>): string[];
  /** Runs the rules of this language over one file (the engine has filtered them by `language`). */
  analyze(input: AnalyzeInput, rules: readonly RuleBase[], lines: LineIndex, config: ResolvedConfig): LanguageAnalysis;
}

export interface RuleReport {
  ruleId: string;
  finding: DraftFinding;
}

export interface DraftFact {
  name: string;
  value: FactValue;
  start?: number;
  end?: number;
}

export interface LanguageAnalysis {
  reports: RuleReport[];
  facts: DraftFact[];
  ruleErrors: RuleError[];
  suppressions: Suppression[];
  /** What the file tells workspace linking (its exports and calls into other files), if anything. */
  flows?: FileFlows;
  /** Files it needed that the host would not read (AnalyzeInput.outside): as the file names them, and where. */
  outside?: Array<{ name: string; start: number; end: number }>;
}

/** Characters of an error's message kept in a rule error (its class name aside). */
const MAX_ERROR_MESSAGE = 160;
/** Words at least this long that occur in the document are taken out of an error's message. */
const DOCUMENT_WORD = 12;

/**
 * An error as a rule error's message: its class and a short message holding no text of the
 * document. Messages quote what they choke on (an invalid pattern built from the file repeated
 * 180 KB of it): patterns and long quotations are cut out, and with `text`, any long word the
 * document holds; the rest is cut at MAX_ERROR_MESSAGE characters. Rule errors go to logs, CI
 * output and diagnostics, where a document's secrets must not.
 */
export function describeError(error: unknown, text?: string): string {
  const name = error instanceof Error ? error.name || 'Error' : typeof error;
  return `${name}: ${withoutDocumentText(error instanceof Error ? error.message : String(error), text)}`;
}

/** A message made safe to show (see describeError): no pattern, long quotation or long word of `text`. */
export function withoutDocumentText(message: string, text?: string): string {
  // Everything between the first and the last slash: the pattern of an invalid regular
  // expression (which may hold slashes of its own) and the file paths a message names.
  const first = message.indexOf('/');
  const last = message.lastIndexOf('/');
  let safe = first >= 0 && last > first ? `${message.slice(0, first)}/…/${message.slice(last + 1)}` : message;
  safe = safe.slice(0, 4 * MAX_ERROR_MESSAGE).replace(/'[^'\n]{24,}'|"[^"\n]{24,}"|`[^`\n]{24,}`/g, '"…"');
  if (text !== undefined)
    safe = safe.replace(/\S+/g, (word) => (word.length >= DOCUMENT_WORD && text.includes(word) ? '…' : word));
  return safe.length > MAX_ERROR_MESSAGE ? `${safe.slice(0, MAX_ERROR_MESSAGE)}…` : safe;
}

/**
 * Tells a host's watchdog (AnalyzeInput.onRule) which rule runs: `enter(i)` before calling into
 * rule `i`, `enter(-1)` once no rule runs. It is told only when the rule changes.
 */
export function ruleWatch(
  rules: readonly RuleBase[],
  onRule: ((ruleId: string | undefined) => void) | undefined,
): (ruleIndex: number) => void {
  let marked = -1;
  return (ruleIndex) => {
    if (ruleIndex === marked || !onRule) return;
    marked = ruleIndex;
    onRule(ruleIndex < 0 ? undefined : rules[ruleIndex].id);
  };
}

/**
 * Calls into whole-file rules, each isolated: a rule that throws (in `create`, a visitor or its
 * end hook) is reported once and its reports are dropped, and the watchdog is told which rule
 * runs. The nginx and Dockerfile walks share it.
 */
export class IsolatedRules {
  private readonly reports: RuleReport[] = [];
  /** The rule index of each report, to drop a failed rule's. */
  private readonly owners: number[] = [];
  private readonly errors: Array<RuleError | undefined>;
  private readonly enter: (ruleIndex: number) => void;

  constructor(
    private readonly rules: readonly RuleBase[],
    onRule: ((ruleId: string | undefined) => void) | undefined,
  ) {
    this.errors = new Array<RuleError | undefined>(rules.length);
    this.enter = ruleWatch(rules, onRule);
  }

  /** The `report` of rule `ruleIndex`'s context. */
  reporter(ruleIndex: number): (finding: DraftFinding) => void {
    const ruleId = this.rules[ruleIndex].id;
    return (finding) => {
      this.reports.push({ ruleId, finding });
      this.owners.push(ruleIndex);
    };
  }

  /** Runs `call` as rule `ruleIndex`'s code, unless that rule already failed; false when it has or does now. */
  run(ruleIndex: number, call: () => void): boolean {
    if (this.errors[ruleIndex]) return false;
    this.enter(ruleIndex);
    try {
      call();
      return true;
    } catch (error) {
      this.errors[ruleIndex] = { ruleId: this.rules[ruleIndex].id, message: describeError(error) };
      return false;
    }
  }

  /** What the rules reported (a failed rule's reports dropped) and which failed; no rule runs from now on. */
  finish(): { reports: RuleReport[]; ruleErrors: RuleError[] } {
    this.enter(-1);
    const failed = this.errors.some((e) => e !== undefined);
    return {
      reports: failed ? this.reports.filter((_, i) => !this.errors[this.owners[i]]) : this.reports,
      ruleErrors: this.errors.filter((e): e is RuleError => e !== undefined),
    };
  }
}
