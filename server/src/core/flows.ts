// Data flow between files, as each file's analysis summarizes it and the workspace links it. A
// file says what it exports, which parameters of its exported functions reach a sink (and where),
// and which calls into other workspace files pass a request's data (or its own exported
// parameters) along. Summaries are small (names, parameter indices, ranges) and plain data: they
// cross worker threads and are compared to decide whether other files need linking again.
import type { FlowKind, ParameterOrigin, Range, Severity, SuppressionMark } from './rule';

export type { FlowKind, ParameterOrigin } from './rule';

export const flowKinds: readonly FlowKind[] = ['plain', 'path', 'url', 'query'];

/** Stands for the source in a sink message until linking knows it ("built from {source}"). */
export const SOURCE_SLOT = '\u0000source\u0000';

/** Where tainted data enters: a request, a tool argument, the command line, an event. */
export interface FlowSource {
  kind: 'request' | 'tool-argument' | 'argv' | 'event';
  /** The source as written, shortened. */
  text: string;
  range: Range;
}

/** A sink of the file reached from parameters of its exported functions (no source in the file itself). */
export interface FlowSink {
  ruleId: string;
  severity: Severity;
  range: Range;
  /** The finding's message, with SOURCE_SLOT where the source's description goes. */
  message: string;
  kind: FlowKind;
  origins: ParameterOrigin[];
  /** A suppression comment covers the sink (kept only when suppressed findings are asked for). */
  suppressed?: SuppressionMark;
}

/** A value passed to another file's function: tainted here (`source`) or by this file's own callers (`origins`). */
export interface FlowArgument {
  index: number;
  /** Set for a property of an object literal argument (`run({ url })`). */
  property?: string;
  kind: FlowKind;
  source?: FlowSource;
  origins?: ParameterOrigin[];
}

/** What a call calls in another module: its export `name`, or member `member` of that export. */
export interface FlowTarget {
  /** The module specifier as written (`./exec.js`, `../lib`, `@acme/tools`). */
  specifier: string;
  /** The export: a name, `default`, or `*` for the module object itself (`require('./x').run`). */
  name: string;
  member?: string;
}

export interface FlowCall {
  target: FlowTarget;
  range: Range;
  /** The callee as written, shortened (`runner.run`). */
  text: string;
  args: FlowArgument[];
}

/**
 * An export of the file: `local` is the key of a function (`run`), a class or an object whose
 * members are `local.member`; an instance of a class of the file names the class. A re-export
 * names the module and export it forwards (`*` for `export * from`).
 */
export interface FlowExport {
  name: string;
  local?: string;
  from?: { specifier: string; name: string };
}

/**
 * What an exported function does that matters to the files calling it: `returns:<index>:<kind>`
 * (its return value derives from parameter `index`, tainted for `kind`), `normalizes-path` (it
 * returns `path.normalize`/`resolve`/`join` of its input), `weak-hash` (it hashes its input with
 * MD5 or SHA-1), `math-random` (its result is made with Math.random). `range` is the function's name.
 */
export interface FlowTrait {
  fn: string;
  trait: string;
  range: Range;
}

/** A finding of this file that stands only if the function a call calls has a trait (see FlowTrait). */
export interface FlowConditional {
  ruleId: string;
  severity: Severity;
  range: Range;
  message: string;
  target: FlowTarget;
  trait: string;
  /** The call, for the related location that names the function ("normalizePath in src/paths.ts"). */
  text: string;
  /** A suppression comment covers the finding (kept only when suppressed findings are asked for). */
  suppressed?: SuppressionMark;
}

export interface FileFlows {
  exports: FlowExport[];
  sinks: FlowSink[];
  calls: FlowCall[];
  traits?: FlowTrait[];
  conditionals?: FlowConditional[];
}
