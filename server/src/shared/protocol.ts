// What the client and the server share: names and custom protocol, typed once.
// The client imports nothing else from the server.

/** `source` of every diagnostic, and the product name in messages. */
export const DIAGNOSTIC_SOURCE = 'BLAH Security';
/** Code action kind of "fix all safe problems" (for editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.blahSecurity';
/** The settings section the server reads. */
export const SETTINGS_SECTION = 'blahSecurity';
/** VS Code language ids the extension analyzes. */
export const ANALYZED_LANGUAGE_IDS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'dockerfile', 'nginx'] as const;

/** Settings under `blahSecurity.*` that the server reads. */
export interface BlahSecuritySettings {
  enable: boolean;
  rules: Record<string, string>;
  maxFileSize?: number;
}
