// The "Security Checklist" tree: the guide's 11 items as the server decides them for the whole
// workspace, each with its findings (failed) or the evidence that passed it. "Regular security
// testing" can be ticked by the user; the tick is kept in the workspace state.
import * as vscode from 'vscode';
import type { ChecklistPayload, ChecklistStatus, FindingSeverity, LspRange } from '../../server/src/protocol';

type Item = ChecklistPayload['items'][number];
type Finding = Item['findings'][number];
type Node =
  | { kind: 'item'; item: Item }
  | { kind: 'rule'; itemId: string; ruleId: string; findings: Finding[] }
  | { kind: 'finding'; finding: Finding }
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

const severityIcons: Record<FindingSeverity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};
const severityOrder: readonly FindingSeverity[] = ['error', 'warning', 'info', 'hint'];

/** The most severe of the findings' severities (a server that sends none: the rule's default). */
function worstSeverity(findings: readonly Finding[], fallback: FindingSeverity): FindingSeverity {
  let worst = fallback;
  let seen = false;
  for (const finding of findings) {
    if (!finding.severity) continue;
    if (!seen || severityOrder.indexOf(finding.severity) < severityOrder.indexOf(worst)) worst = finding.severity;
    seen = true;
  }
  return worst;
}

/** Labels longer than this are cut (at a word) so that a row fits the default side bar; the tooltip has it all. */
const LABEL_LENGTH = 60;

/** A finding's message as a row label: its first sentence, cut at a word when too long for the side bar. */
export function shortLabel(message: string, length = LABEL_LENGTH): string {
  const sentence = /^.*?[.!?](?=\s|$)/.exec(message)?.[0] ?? message;
  const text = sentence.endsWith('.') ? sentence.slice(0, -1) : sentence;
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > length / 2 ? cut.slice(0, space) : cut}…`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

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

  /** The rule's title and default severity as the server named them (an older server: the id). */
  ruleInfo(ruleId: string): { title: string; severity: FindingSeverity } {
    return this.payload?.rules?.[ruleId] ?? { title: ruleId, severity: 'warning' };
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.items.map((item) => ({ kind: 'item', item }));
    if (node.kind === 'rule') return capped(node.findings.map((finding) => ({ kind: 'finding', finding })));
    if (node.kind !== 'item') return [];
    if (node.item.status !== 'failed')
      return capped(node.item.evidence.map((evidence) => ({ kind: 'evidence', evidence })));
    // Findings grouped by rule, the most severe rules first, then by id.
    const byRule = new Map<string, Finding[]>();
    for (const finding of node.item.findings) {
      let list = byRule.get(finding.ruleId);
      if (!list) byRule.set(finding.ruleId, (list = []));
      list.push(finding);
    }
    const groups = [...byRule].map(([ruleId, findings]): Node & { kind: 'rule' } => ({
      kind: 'rule',
      itemId: node.item.id,
      ruleId,
      findings,
    }));
    const rank = (group: Node & { kind: 'rule' }): number =>
      severityOrder.indexOf(worstSeverity(group.findings, this.ruleInfo(group.ruleId).severity));
    groups.sort((a, b) => rank(a) - rank(b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    return groups;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'item': {
        const status = this.statusOf(node.item);
        const hasChildren = (node.item.status === 'failed' ? node.item.findings.length : node.item.evidence.length) > 0;
        const tree = new vscode.TreeItem(
          node.item.shortTitle ?? node.item.title,
          hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        tree.id = `item:${node.item.id}`;
        tree.iconPath = icons[status];
        tree.contextValue = `checklistItem.${status}`;
        tree.description =
          status === 'failed'
            ? plural(node.item.findings.length, 'finding')
            : status === 'passed'
              ? node.item.id === TICKABLE_ITEM && node.item.status === 'unknown'
                ? 'confirmed by you'
                : 'passed'
              : (node.item.note ?? 'not determined');
        if (status === 'passed' && node.item.note) tree.description += ` (${node.item.note})`;
        const rules = new Set(node.item.findings.map((f) => f.ruleId)).size;
        tree.tooltip = new vscode.MarkdownString(
          `**${node.item.title}**: ${tree.description}` + (status === 'failed' ? ` from ${plural(rules, 'rule')}` : ''),
        );
        if (node.item.id === TICKABLE_ITEM && node.item.status !== 'passed') {
          tree.checkboxState = {
            state: this.ticked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
            tooltip: 'Tick when the project is security-tested regularly',
          };
        }
        return tree;
      }
      case 'rule': {
        const info = this.ruleInfo(node.ruleId);
        const severity = worstSeverity(node.findings, info.severity);
        const tree = new vscode.TreeItem(info.title, vscode.TreeItemCollapsibleState.Collapsed);
        tree.id = `rule:${node.itemId}:${node.ruleId}`;
        tree.description = `${node.ruleId} · ${node.findings.length}`;
        tree.iconPath = severityIcons[severity];
        tree.tooltip = new vscode.MarkdownString(
          `**${info.title}** (\`${node.ruleId}\`, ${severity}): ${plural(node.findings.length, 'finding')}`,
        );
        tree.contextValue = 'checklistRule';
        return tree;
      }
      case 'finding': {
        const { finding } = node;
        const info = this.ruleInfo(finding.ruleId);
        const severity = finding.severity ?? info.severity;
        const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(finding.uri))}:${finding.range.start.line + 1}`;
        const tree = new vscode.TreeItem(shortLabel(finding.message), vscode.TreeItemCollapsibleState.None);
        tree.description = where;
        const tooltip = new vscode.MarkdownString();
        tooltip.appendText(finding.message);
        tooltip.appendMarkdown(`\n\n${severity} · \`${finding.ruleId}\` · `);
        tooltip.appendText(where);
        tree.tooltip = tooltip;
        tree.iconPath = severityIcons[severity];
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

/** At most MAX_CHILDREN rows under a node, and one saying how many more. */
function capped(children: Node[]): Node[] {
  if (children.length <= MAX_CHILDREN) return children;
  return [...children.slice(0, MAX_CHILDREN), { kind: 'more', count: children.length - MAX_CHILDREN }];
}
