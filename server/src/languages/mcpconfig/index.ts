// The MCP client configuration adapter: the files clients read their server list from, claimed
// by path alone (detection runs on every file: no JSON is parsed to decide), and the analysis.
import type { LanguageAdapter } from '../../core/language';
import type { RuleBase } from '../../core/rule';
import { analyzeMcpConfig } from './analyze';
import { nestingDepthExceeds } from '../../core/config';
import { MAX_DEPTH, mcpClientOf } from './model';
import type { McpConfigRule } from './rule';

const isMcpConfigRule = (rule: RuleBase): rule is McpConfigRule => rule.language === 'mcp-config';

export const mcpConfigAdapter: LanguageAdapter = {
  id: 'mcp-config',
  // The editor calls these files json or jsonc, as it does every JSON file: the path decides.
  editorLanguageIds: [],
  watchGlobs: ['**/{mcp.json,.mcp.json,claude_desktop_config.json}', '**/{.vscode,.gemini}/settings.json'],
  claimsName: (path) => (mcpClientOf(path) ? 'certain' : undefined),
  // Deeper than any real configuration (jsonc-parser recurses per level): said, not read.
  notAnalyzable: (text) =>
    nestingDepthExceeds(text, MAX_DEPTH) !== undefined ? `nested more than ${MAX_DEPTH} levels deep` : undefined,
  companions: () => [],
  analyze: (input, rules, lines, config) =>
    analyzeMcpConfig(
      input,
      mcpClientOf(input.location ?? input.path) ?? mcpClientOf(input.path) ?? 'generic',
      rules.filter(isMcpConfigRule),
      lines,
      config,
    ),
};
