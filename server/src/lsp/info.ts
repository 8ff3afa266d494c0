// What the server says about itself: its name and version (the package's), the rules of its
// registry (`blahSecurity/rules`), and the start-up lines of its log.
import { version } from '../../../package.json';
import { allRules } from '../rules';
import { DIAGNOSTIC_SOURCE, type BlahSecuritySettings, type RuleSummary } from '../protocol';
import type { ServerContext } from './context';
import type { Projects } from './projects';

/** The name and version the server gives at `initialize` and in its log (the package's own). */
export const SERVER_NAME = 'blah-security-lsp';
export const SERVER_VERSION: string = version;

/** Every rule of the registry as `blahSecurity/rules` lists it, in id order. */
export function ruleSummaries(): RuleSummary[] {
  return allRules
    .map((rule) => ({
      id: rule.id,
      title: rule.meta.title,
      severity: rule.meta.severity,
      ...(rule.meta.checklistItem ? { checklistItem: rule.meta.checklistItem } : {}),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * What the log says about settings at start-up: which features they change, never their
 * values beyond counts and modes (a rule or exclude list can be long, and nothing in it is
 * needed to understand the server's behaviour).
 */
export function settingsSummary(settings: BlahSecuritySettings): string {
  const rules = typeof settings.rules === 'object' && settings.rules !== null ? Object.keys(settings.rules).length : 0;
  const exclude = Array.isArray(settings.exclude) ? settings.exclude.length : 0;
  return [
    `enable ${settings.enable !== false}`,
    `${rules} rule override${rules === 1 ? '' : 's'}`,
    `${exclude} exclude pattern${exclude === 1 ? '' : 's'}`,
    `minimumSeverity ${settings.minimumSeverity ?? 'info'}`,
    `run ${settings.run ?? 'onType'}`,
    `workspaceScan ${settings.workspaceScan !== false}`,
    `reportUnusedSuppressions ${settings.reportUnusedSuppressions !== false}`,
  ].join(', ');
}

/** The start-up lines of the log: version, workspace folders and a summary of the settings. */
export function logStartup(ctx: ServerContext, projects: Projects): void {
  const folders = ctx.workspaceFolders;
  ctx.connection.console.info(
    `${DIAGNOSTIC_SOURCE} language server ${SERVER_VERSION} started (${allRules.length} rules); workspace folders: ${folders.length === 0 ? 'none' : folders.join(', ')}.`,
  );
  // Settings as the first folder reads them (each folder may have its own).
  void projects.settingsFor(folders[0] ?? '').then(
    (settings) => ctx.connection.console.info(`Settings: ${settingsSummary(settings)}.`),
    () => undefined,
  );
}
