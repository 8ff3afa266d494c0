// The "Security Checklist" tree: the guide's 11 items as the server decides them for the whole
// workspace, each with its findings (failed) or the evidence that passed it. "Regular security
// testing" can be ticked by the user; the tick is kept in the workspace state.
import * as vscode from 'vscode';
import type { ChecklistPayload, ChecklistStatus, LspRange } from '../../server/src/protocol';

type Item = ChecklistPayload['items'][number];
type Node =
  | { kind: 'item'; item: Item }
  | { kind: 'finding'; finding: Item['findings'][number] }
  | { kind: 'evidence'; evidence: Item['evidence'][number] }
  | { kind: 'more'; count: number };

/** The item a person can tick: no scanner can see whether they pen-test regularly. */
export const TICKABLE_ITEM = 'security-testing';
const TICK_KEY = 'blahSecurity.securityTestingConfirmed';
/** Children shown per item; a tree of thousands of rows helps nobody. */
const MAX_CHILDREN = 200;

const icons: Record<ChecklistStatus, vscode.ThemeIcon> = {
  passed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  unknown: new vscode.ThemeIcon('question'),
};

function toRange(range: LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function openCommand(uri: string, range: LspRange): vscode.Command {
  return {
    title: 'Open',
    command: 'vscode.open',
    arguments: [vscode.Uri.parse(uri), { selection: toRange(range) } satisfies vscode.TextDocumentShowOptions],
  };
}

export class ChecklistProvider implements vscode.TreeDataProvider<Node> {
  private payload: ChecklistPayload | undefined;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly statusChanged = new vscode.EventEmitter<void>();
  /** Fires when the number of failed items may have changed. */
  readonly onDidChangeStatus = this.statusChanged.event;

  constructor(private readonly state: vscode.Memento) {}

  update(payload: ChecklistPayload): void {
    this.payload = payload;
    this.changed.fire(undefined);
    this.statusChanged.fire();
  }

  /**
   * How many rules the workspace's configuration turns off ("104 of 110 rules off in
   * .blah-security.json"), for the view's description: undefined when none.
   */
  get rulesOffText(): string | undefined {
    const off = this.payload?.rulesOff ?? [];
    if (off.length === 0) return undefined;
    const count = off.reduce((sum, f) => sum + f.count, 0);
    const total = off.length === 1 ? ` of ${off[0].total}` : '';
    return `${count}${total} rules off in .blah-security.json`;
  }

  get ticked(): boolean {
    return this.state.get<boolean>(TICK_KEY, false);
  }

  async setTicked(ticked: boolean): Promise<void> {
    await this.state.update(TICK_KEY, ticked);
    this.changed.fire(undefined);
    this.statusChanged.fire();
  }

  /** The status shown for an item: the user's tick passes "Regular security testing". */
  statusOf(item: Item): ChecklistStatus {
    return item.id === TICKABLE_ITEM && item.status === 'unknown' && this.ticked ? 'passed' : item.status;
  }

  get items(): readonly Item[] {
    return this.payload?.items ?? [];
  }

  failedCount(): number {
    return this.items.filter((item) => this.statusOf(item) === 'failed').length;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.items.map((item) => ({ kind: 'item', item }));
    if (node.kind !== 'item') return [];
    const children: Node[] =
      node.item.status === 'failed'
        ? node.item.findings.map((finding) => ({ kind: 'finding', finding }))
        : node.item.evidence.map((evidence) => ({ kind: 'evidence', evidence }));
    if (children.length <= MAX_CHILDREN) return children;
    return [...children.slice(0, MAX_CHILDREN), { kind: 'more', count: children.length - MAX_CHILDREN }];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'item': {
        const status = this.statusOf(node.item);
        const hasChildren = (node.item.status === 'failed' ? node.item.findings.length : node.item.evidence.length) > 0;
        const tree = new vscode.TreeItem(
          node.item.title,
          hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        tree.id = `item:${node.item.id}`;
        tree.iconPath = icons[status];
        tree.contextValue = `checklistItem.${status}`;
        tree.description =
          status === 'failed'
            ? `${node.item.findings.length} finding${node.item.findings.length === 1 ? '' : 's'}`
            : status === 'passed'
              ? node.item.id === TICKABLE_ITEM && node.item.status === 'unknown'
                ? 'confirmed by you'
                : 'passed'
              : (node.item.note ?? 'not determined');
        if (status === 'passed' && node.item.note) tree.description += ` (${node.item.note})`;
        tree.tooltip = new vscode.MarkdownString(`**${node.item.title}**: ${tree.description}`);
        if (node.item.id === TICKABLE_ITEM && node.item.status !== 'passed') {
          tree.checkboxState = {
            state: this.ticked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
            tooltip: 'Tick when the project is security-tested regularly',
          };
        }
        return tree;
      }
      case 'finding': {
        const { finding } = node;
        const tree = new vscode.TreeItem(finding.ruleId, vscode.TreeItemCollapsibleState.None);
        tree.description = `${vscode.workspace.asRelativePath(vscode.Uri.parse(finding.uri))}:${finding.range.start.line + 1}`;
        tree.tooltip = finding.message;
        tree.iconPath = new vscode.ThemeIcon('warning');
        tree.command = openCommand(finding.uri, finding.range);
        tree.contextValue = 'checklistFinding';
        return tree;
      }
      case 'evidence': {
        const tree = new vscode.TreeItem(node.evidence.text, vscode.TreeItemCollapsibleState.None);
        tree.iconPath = new vscode.ThemeIcon('check');
        tree.tooltip = node.evidence.text;
        tree.command = openCommand(node.evidence.uri, node.evidence.range);
        return tree;
      }
      case 'more':
        return new vscode.TreeItem(
          `… ${node.count} more (see the Problems panel)`,
          vscode.TreeItemCollapsibleState.None,
        );
    }
  }
}
