// How a workspace rule plugs in: it sees the whole project at once (the analyzed files' findings
// and facts, the project files) and reports findings on any file of it.
import type { DraftFix, Fact, Finding, LanguageId, Range, RuleBase, Severity } from '../../core/rule';
import type { FileFlows } from '../../core/flows';
import type { ProjectFileKind } from './files';

/** One analyzed source file, as workspace analysis sees it. */
export interface WorkspaceFile {
  /** Relative to the project root, POSIX separators. */
  path: string;
  language?: LanguageId;
  findings: readonly Finding[];
  facts: readonly Fact[];
  /** What the file tells data-flow linking (TypeScript files that export or call into the workspace). */
  flows?: FileFlows;
}

/** A project file the host found (and, unless it is a lockfile, read; null when unreadable). */
export interface ProjectFile {
  path: string;
  text: string | null;
  /** Git ignores it (only .env files are listed when ignored: their values still matter locally). */
  gitIgnored?: boolean;
}

export interface ProjectView {
  readonly files: readonly WorkspaceFile[];
  readonly projectFiles: readonly ProjectFile[];
  ofKind(kind: ProjectFileKind): ProjectFile[];
  /** Whether git ignores a probe path (see GITIGNORE_PROBES); undefined when the host did not say. */
  gitIgnored(probe: string): boolean | undefined;
  /** Every fact of that name in the project, with the file it is in. */
  facts(name: string): Array<{ path: string; fact: Fact }>;
}

/** A finding on a project file: offsets into that file's text, or a range (facts carry ranges). */
export interface WorkspaceDraft {
  start?: number;
  end?: number;
  range?: Range;
  message: string;
  fixes?: DraftFix[];
  severity?: Exclude<Severity, 'hint'>;
}

export interface WorkspaceRuleContext {
  readonly project: ProjectView;
  report(path: string, finding: WorkspaceDraft): void;
}

export interface WorkspaceRule extends RuleBase {
  language: 'workspace';
  check(context: WorkspaceRuleContext): void;
}
