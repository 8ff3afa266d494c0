// What the client and the server share: names and custom protocol, typed once.
// The client imports nothing else from the server.
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';

/** `source` of every diagnostic, and the product name in messages. */
export const DIAGNOSTIC_SOURCE = 'BLAH Security';
/** Code action kind of "fix all safe problems" (for editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.blahSecurity';
/**
 * Command of the "Show documentation for <rule>" code action (arguments: `[{ ruleId }]`). The
 * server executes it with `window/showDocument` on the rule's page; the VS Code client opens the
 * page it ships in a markdown preview instead.
 */
export const SHOW_DOCUMENTATION_COMMAND = 'blah-security.showDocumentation';
/** The settings section the server reads. */
export const SETTINGS_SECTION = 'blahSecurity';
/** VS Code language ids the extension analyzes. */
export const ANALYZED_LANGUAGE_IDS = [
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'dockerfile',
  'nginx',
] as const;

/** Settings under `blahSecurity.*` that the server reads. */
export interface BlahSecuritySettings {
  enable: boolean;
  rules: Record<string, string>;
  maxFileSize?: number;
  /** Analyze every file of the workspace folders in the background (default true). */
  workspaceScan?: boolean;
  /** Report suppression comments that suppress nothing (default true). */
  reportUnusedSuppressions?: boolean;
  /** Globs (relative to the workspace folder) of files that get no diagnostics and are not scanned. */
  exclude?: string[];
  /** Findings below this severity are not published (the checklist still counts them). */
  minimumSeverity?: MinimumSeverity;
  /** When open documents are analyzed: as they are typed (default) or when they are saved. */
  run?: RunMode;
}

export const MINIMUM_SEVERITIES = ['info', 'warning', 'error'] as const;
export type MinimumSeverity = (typeof MINIMUM_SEVERITIES)[number];
export const RUN_MODES = ['onType', 'onSave'] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** A rule as `blahSecurity/rules` lists it. */
export interface RuleSummary {
  id: string;
  title: string;
  /** Its default severity. */
  severity: 'error' | 'warning' | 'info';
  /** The checklist item it informs, if any. */
  checklistItem?: string;
}

export type ChecklistStatus = 'passed' | 'failed' | 'unknown';
export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';
export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
export interface ChecklistPayload {
  items: Array<{
    id: string;
    /** The guide's wording. */
    title: string;
    /** A name that fits a side bar row ("Error handling"); older servers omit it. */
    shortTitle?: string;
    status: ChecklistStatus;
    /** `severity` is the finding's own, after the configuration (older servers omit it). */
    findings: Array<{ uri: string; range: LspRange; ruleId: string; message: string; severity?: FindingSeverity }>;
    evidence: Array<{ uri: string; range: LspRange; text: string }>;
    /** Rules of the item the configuration turns off ("not determined (rules off in .blah-security.json)"). */
    note?: string;
  }>;
  /** Title and default severity of each rule that has findings in `items` (older servers omit it). */
  rules?: Record<string, Pick<RuleSummary, 'title' | 'severity'>>;
  /** Workspace folders whose configuration turns rules off: how many, of how many. */
  rulesOff?: Array<{ folder: string; count: number; total: number }>;
  /** Files the workspace analysis has seen (open documents and the scan). */
  analyzedFiles: number;
  /** True while a workspace scan is still running. */
  scanning: boolean;
}
export interface ScanWorkspaceResult {
  files: number;
}

/**
 * Request from the server: rename a rule id in the `blahSecurity.rules` setting wherever it is
 * set (the client knows the settings' scopes; the server only their merged value). Sent only to
 * clients that say `initializationOptions.replaceRuleSetting: true`; answers whether it did.
 */
export const REPLACE_RULE_SETTING_REQUEST = new RequestType<
  { scopeUri?: string; from: string; to: string },
  boolean,
  void
>('blahSecurity/replaceRuleSetting');

/** Request (no params): the guide's checklist decided for the workspace. */
export const CHECKLIST_REQUEST = new RequestType0<ChecklistPayload, void>('blahSecurity/checklist');
/** Notification from the server (debounced) when the checklist changes; same payload. */
export const CHECKLIST_CHANGED_NOTIFICATION = new NotificationType<ChecklistPayload>('blahSecurity/checklistChanged');
/** Request (no params): every rule of the server's registry, in id order. */
export const RULES_REQUEST = new RequestType0<RuleSummary[], void>('blahSecurity/rules');
/** Request (no params): scan every workspace folder again; answers when done. */
export const SCAN_WORKSPACE_REQUEST = new RequestType0<ScanWorkspaceResult, void>('blahSecurity/scanWorkspace');

/** An entry of a folder, as the editor's file system tells it. */
export interface DirectoryEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
}

/** Request from the server (web): a file's text (`null` when it cannot be read), through the editor's file system. */
export const READ_FILE_REQUEST = new RequestType<{ uri: string }, string | null, void>('blahSecurity/readFile');
/** Request from the server (web): a folder's entries (`null` when it cannot be read). */
export const READ_DIRECTORY_REQUEST = new RequestType<{ uri: string }, DirectoryEntry[] | null, void>(
  'blahSecurity/readDirectory',
);
