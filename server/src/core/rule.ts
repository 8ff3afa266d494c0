// The engine's vocabulary: what a rule is, what it reports, and what a fix edits.
import type { ChecklistItemId } from './checklist';

/** Severity of a finding. `hint` is what a finding becomes in test and fixture files. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** What a user may set a rule to in `.blah-security.json` or `blahSecurity.rules`. */
export type ConfiguredSeverity = 'off' | 'info' | 'warning' | 'error';
export const configuredSeverities: readonly ConfiguredSeverity[] = ['off', 'info', 'warning', 'error'];

/** The analysis families the engine knows; each has its own parser and rules. */
export type LanguageId = 'typescript' | 'dockerfile' | 'nginx' | 'mcp-config';
/** Where a rule runs: on one file of a language, or over the whole project (`engine/workspace.ts`). */
export type RuleLanguage = LanguageId | 'workspace';

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * `fix`: behaviour-preserving apart from the flaw; joins source.fixAll.
 * `suggestion`: may change behaviour; offered, never applied by fix-all.
 */
export type FixKind = 'fix' | 'suggestion';

/**
 * Lines a fix adds at the end of another file (`.env`, `.dockerignore`), created if missing.
 * `path` is relative to the project root or to the analyzed file's folder.
 */
export interface FileAppend {
  path: string;
  relativeTo: 'project' | 'file';
  /** Lines to add; a line the file already has (ignoring surrounding space) is not added again. */
  lines: string[];
  /** Lines starting with this prefix count as already present (`API_KEY=` for `.env`). */
  presentIfLineStartsWith?: string[];
}

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
  appendToFile?: FileAppend;
}

/**
 * A workspace fact that makes a finding moot: the finding stands only while no analyzed file of
 * the project has a fact of that name (and, when given, that value). Per-file analysis cannot see
 * other files, so it reports the finding; `engine/workspace.ts` drops it when the project shows
 * otherwise (helmet applied in another file, an nginx TLS proxy in front of the port).
 */
export interface WorkspaceCondition {
  fact: string;
  value?: FactValue;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  range: Range;
  message: string;
  fixes: Fix[];
  /** Dropped by workspace analysis when any of these holds somewhere in the project. */
  unless?: WorkspaceCondition[];
  /**
   * Other places that explain the finding (LSP related information, SARIF related locations):
   * where the data came from and every call it passed on the way, source first, or what makes
   * it matter (the listen call that makes an app reachable, the stage that runs as root).
   */
  related?: RelatedLocation[];
  /** With `related`: it is the way tainted data came to this place, source first (a SARIF code flow). */
  dataFlow?: true;
  /**
   * Set only when the analysis was asked to keep suppressed findings (the CLI's reports): an
   * inline suppression comment covers this finding. Editors never receive suppressed findings.
   */
  suppressed?: SuppressionMark;
}

/** A suppressed finding's suppression: the comment's reason (the text after ` -- `), if any. */
export interface SuppressionMark {
  justification?: string;
}

/** A place in another file (or this one) that a finding refers to. */
export interface RelatedLocation {
  /** Relative to the project root, POSIX separators (hosts turn it into a URI or a display path). */
  path: string;
  range: Range;
  message: string;
}

export type FactValue = string | number | boolean;
/** Something true of a file that workspace-level decisions combine (e.g. "uses helmet"). */
export interface Fact {
  name: string;
  value: FactValue;
  range?: Range;
}

export interface RuleMeta {
  title: string;
  /** What the rule catches, in a few words (the README's rule table, `blah-security rules`). */
  summary: string;
  /** Default severity. */
  severity: Exclude<Severity, 'hint'>;
  /** The section of the security guide the rule enforces ("beyond" rules name their basis). */
  guideSection: string;
  checklistItem?: ChecklistItemId;
  /** One paragraph: why this matters. Shown on hover and in SARIF. */
  description: string;
  /** What the fix (or the manual remedy) is, in one sentence. */
  remedy: string;
  /**
   * Whether the rule offers safe fixes (kind `fix`, part of fix-all) and suggestions (kind
   * `suggestion`). The engine holds rules to it: a fix of a kind the rule does not declare is a
   * rule error, as ESLint's linter does (its docs, README row and CLI listing say what it offers).
   */
  fixable?: boolean;
  hasSuggestions?: boolean;
  /** Findings in test and fixture files drop to `hint` (secrets in tests are usually fakes). */
  hintInTests?: boolean;
}

export interface RuleBase {
  id: string;
  language: RuleLanguage;
  meta: RuleMeta;
}

/** An edit in offsets, as rules compute them; the engine turns it into a range. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface DraftFix {
  title: string;
  kind: FixKind;
  edits: OffsetEdit[];
  appendToFile?: FileAppend;
}

/** A place of the analyzed file that explains a finding, in offsets (the engine locates it). */
export interface DraftRelated {
  start: number;
  end: number;
  message: string;
}

/** What a rule hands to `report`, in offsets of the analyzed text. */
export interface DraftFinding {
  start: number;
  end: number;
  message: string;
  /**
   * The finding's fixes, or a factory the engine calls only when fixes are wanted (a code
   * action, fix-all, the CLI): an editor keystroke analyzes without them, so a rule whose fixes
   * cost something (imports to add, text to re-indent) should hand a factory.
   */
  fixes?: DraftFix[] | (() => DraftFix[]);
  /** Overrides the rule's default severity for this finding (a project's configured severity still wins). */
  severity?: Exclude<Severity, 'hint'>;
  /** Workspace facts that make this finding moot (see `WorkspaceCondition`). */
  unless?: WorkspaceCondition[];
  /**
   * Places of this file that explain the finding (see `Finding.related`), source first. Made
   * where the finding is reported, so only findings pay for them. Ignored for `flow` and `when`
   * findings: workspace linking says where their data came from.
   */
  related?: DraftRelated[];
  /** With `related`: it is the way tainted data came (see `Finding.dataFlow`). */
  dataFlow?: true;
  /**
   * Not a finding of this file alone: the sink is reached from parameters of functions other
   * files call (`origins`). The engine hands it to workspace linking, which reports it (with
   * SOURCE_SLOT in `message` replaced) only when a caller passes tainted data of `kind`.
   */
  flow?: { kind: FlowKind; origins: ParameterOrigin[] };
  /**
   * Not a finding of this file alone either: it stands only if the function another workspace
   * module exports as `target` has `trait` (it returns its tainted argument, it normalizes a path).
   */
  when?: { target: { specifier: string; name: string; member?: string }; trait: string; text: string };
}

/** A rule that threw: reported once per file, the other rules go on. */
export interface RuleError {
  ruleId: string;
  message: string;
}

// ——— Data flow between files (the rest of the vocabulary is in ./flows) ———

/**
 * How a sink judges values: `plain` (commands, code), `path` (a basename is safe; the command
 * line is not a source) or `url` (a template that fixes the host is safe). A call site decides
 * whether its argument is tainted for the kind of the sink it reaches. `query` is a database
 * filter's value (NoSQL operator injection): only a value that can be an object counts, so any
 * string or number made of it is safe, and so are route parameters, headers and tool arguments
 * (their schema decides their shape).
 */
export type FlowKind = 'plain' | 'path' | 'url' | 'query';

/**
 * A parameter of a function of the file that other files can call: `fn` is the function's key
 * (`run`, `default`, `Fetcher.fetch`, `tools.run`, `exports.run`), `index` the parameter's
 * position, `property` the destructured property the value came from (`({ url })`).
 */
export interface ParameterOrigin {
  fn: string;
  index: number;
  property?: string;
}
