// Rule pages inside the editor: the extension ships docs/rules/<id>.md, and both the "Show
// documentation for <rule>" code action and a click on the rule id in the Problems panel open the
// page in a markdown preview (offline, on the desktop and the web alike).
import * as vscode from 'vscode';

/** A rule id as the registry spells them (`ts/sql-injection`): nothing that could leave docs/rules. */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The packaged page of a rule, or undefined for what is not a rule id. */
export function rulePage(extensionUri: vscode.Uri, ruleId: unknown): vscode.Uri | undefined {
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) return undefined;
  const [family, name] = ruleId.split('/');
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', family, `${name}.md`);
}

/** The rule id of a page under the extension's docs/rules, if `uri` is one. */
function ruleOfPage(extensionUri: vscode.Uri, uri: vscode.Uri): string | undefined {
  const folder = vscode.Uri.joinPath(extensionUri, 'docs', 'rules').toString() + '/';
  const text = uri.with({ fragment: '', query: '' }).toString();
  if (!text.startsWith(folder) || !text.endsWith('.md')) return undefined;
  const ruleId = decodeURIComponent(text.slice(folder.length, -'.md'.length));
  return RULE_ID.test(ruleId) ? ruleId : undefined;
}

export async function showRuleDocumentation(extensionUri: vscode.Uri, ruleId: unknown): Promise<boolean> {
  const page = rulePage(extensionUri, ruleId);
  if (!page) return false;
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return true;
}

/**
 * A diagnostic's `codeDescription.href` is the packaged page: VS Code opens it as text when its
 * rule id is clicked (the Problems panel and the hover open links without running commands).
 * Such an editor is replaced by the page's preview, which is what the link is for.
 */
export function previewOpenedRulePages(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.window.onDidChangeActiveTextEditor(async (editor) => {
    if (!editor) return;
    const uri = editor.document.uri;
    const ruleId = ruleOfPage(extensionUri, uri);
    if (!ruleId) return;
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
    await showRuleDocumentation(extensionUri, ruleId);
    await vscode.window.tabGroups.close(tabs.filter((tab) => !tab.isDirty));
  });
}
