// Where a rule's documentation lives on the web (SARIF helpUri, LSP codeDescription).
import type { RuleBase } from './rule';

export const PRODUCT_NAME = 'BLAH Security';
export const DOCS_BASE_URL = 'https://github.com/blah-security/blah-security/blob/main/';

export function docsUrl(rule: RuleBase, base: string = DOCS_BASE_URL): string {
  return base.replace(/\/?$/, '/') + rule.meta.docs;
}
