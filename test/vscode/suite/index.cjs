// Runs inside VS Code's extension host: opens the insecure example and checks what a user sees.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const example = path.join(__dirname, '..', '..', '..', 'examples', 'insecure-mcp-server');

/** Resolves with the document's BLAH Security diagnostics once `test` accepts them. */
function diagnosticsFor(uri, test, timeoutMs = 60000) {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'BLAH Security');
  return new Promise((resolve, reject) => {
    if (test(current())) return resolve(current());
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics for ${uri.fsPath} did not arrive within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = current();
      if (!test(diagnostics)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
    });
  });
}

async function run() {
  const uri = vscode.Uri.file(path.join(example, 'src', 'db.ts'));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);

  const diagnostics = await diagnosticsFor(uri, (ds) => ds.some((d) => d.code && d.code.value === 'ts/sql-injection'));
  const sql = diagnostics.find((d) => d.code.value === 'ts/sql-injection');
  assert.equal(sql.severity, vscode.DiagnosticSeverity.Error);
  assert.match(sql.code.target.toString(), /docs\/rules\/ts\/sql-injection\.md$/);

  const actions = await vscode.commands.executeCommand(
    'vscode.executeCodeActionProvider',
    uri,
    sql.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const preferred = actions.find((a) => a.isPreferred);
  assert.ok(preferred, `a preferred quick fix among: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(preferred.edit));
  assert.match(document.getText(), /db\.query\('SELECT \* FROM users WHERE id = \$1', \[userId\]\)/);
  await diagnosticsFor(uri, (ds) =>
    ds.every((d) => d.range.start.line !== sql.range.start.line || d.code.value !== 'ts/sql-injection'),
  );

  // Leave the example untouched.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

  await checklistView();
}

/** The Security Checklist tree: 11 items decided for the folder, failed ones with their findings. */
async function checklistView() {
  const extension = vscode.extensions.getExtension('blah-security.blah-security');
  const api = extension.isActive ? extension.exports : await extension.activate();
  await vscode.commands.executeCommand('blahSecurity.checklist.focus');
  await api.checklistReady;
  const provider = api.checklist;
  const roots = provider.getChildren();
  assert.equal(roots.length, 11);
  const items = roots.map((node) => provider.getTreeItem(node));
  const secrets = items.find((item) => item.label === 'No hardcoded secrets or credentials');
  assert.equal(secrets.iconPath.id, 'error');
  assert.match(secrets.description, /^\d+ findings?$/);
  const children = provider.getChildren(roots[items.indexOf(secrets)]).map((node) => provider.getTreeItem(node));
  assert.ok(children.length > 0 && children.every((child) => child.command && child.command.command === 'vscode.open'));
  // "Regular security testing" is tickable and the tick is remembered.
  const testingNode = roots.find((node) => node.item.id === 'security-testing');
  assert.equal(provider.getTreeItem(testingNode).checkboxState.state, vscode.TreeItemCheckboxState.Unchecked);
  await provider.setTicked(true);
  assert.equal(provider.getTreeItem(testingNode).checkboxState.state, vscode.TreeItemCheckboxState.Checked);
  assert.equal(provider.statusOf(testingNode.item), 'passed');
  await provider.setTicked(false);
  await vscode.commands.executeCommand('blahSecurity.scanWorkspace');
  assert.equal(provider.getChildren().length, 11);
}

module.exports = { run };
