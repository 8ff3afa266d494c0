// How an MCP configuration rule plugs into the one walk: it is handed each server of the file
// (in file order) and may decide at the end.
import type { ResolvedConfig } from '../../core/config';
import type { DraftFinding, RuleBase } from '../../core/rule';
import type { McpConfigModel, McpServer } from './model';

export interface McpConfigRuleContext {
  /** The whole parsed file, complete before the walk. */
  readonly model: McpConfigModel;
  readonly config: ResolvedConfig;
  report(finding: DraftFinding): void;
}

export interface McpConfigVisitors {
  /** Every server of the file's servers block(s). */
  server?: (server: McpServer) => void;
  /** Called once after the walk. */
  end?: () => void;
}

export interface McpConfigRule extends RuleBase {
  language: 'mcp-config';
  create(context: McpConfigRuleContext): McpConfigVisitors;
}
