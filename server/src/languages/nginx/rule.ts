// How an nginx rule plugs in: it gets the parsed configuration once.
import type { DraftFinding, RuleBase } from '../../core/rule';
import type { LineIndex } from '../../core/text';
import type { NginxConfig } from './parser';

export interface NginxRuleContext {
  readonly config: NginxConfig;
  readonly lines: LineIndex;
  report(finding: DraftFinding): void;
}

export interface NginxRule extends RuleBase {
  language: 'nginx';
  check(context: NginxRuleContext): void;
}
