// Where a rule's documentation lives on the web (SARIF helpUri, LSP codeDescription).
import type { RuleBase } from './rule';

export const PRODUCT_NAME = 'BLAH Security';
export const DOCS_BASE_URL = 'https://github.com/blah-security/blah-security/blob/main/';

/** Repository path of a rule's documentation page: one page per id, by its id. */
export function docsPath(rule: Pick<RuleBase, 'id'>): string {
  return `docs/rules/${rule.id}.md`;
}

export function docsUrl(rule: Pick<RuleBase, 'id'>, base: string = DOCS_BASE_URL): string {
  return base.replace(/\/?$/, '/') + docsPath(rule);
}

/** What a rule's quick fixes are, in words for its docs page, the README table and the CLI. */
export function fixKinds(rule: Pick<RuleBase, 'meta'>): 'fix' | 'suggestion' | 'fix, suggestion' | undefined {
  const { fixable, hasSuggestions } = rule.meta;
  return fixable && hasSuggestions ? 'fix, suggestion' : fixable ? 'fix' : hasSuggestions ? 'suggestion' : undefined;
}
