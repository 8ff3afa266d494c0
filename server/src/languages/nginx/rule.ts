// How an nginx rule plugs into the one shared walk: it subscribes to directives, every one or by
// name, and may decide at the end of the file.
import type { DraftFinding, RuleBase } from '../../core/rule';
import type { LineIndex } from '../../core/text';
import type { NginxConfig, NginxDirective } from './parser';

export interface NginxRuleContext {
  /** The whole parsed configuration, complete before the walk: visitors may look anywhere in it. */
  readonly config: NginxConfig;
  readonly lines: LineIndex;
  report(finding: DraftFinding): void;
}

export type DirectiveVisitor = (directive: NginxDirective) => void;

/**
 * What a rule subscribes to. The walk visits the directives written in the file depth first, in
 * source order (a block's directive before its children), the lines of `map`, `types`… blocks
 * too (`isEntry`); the virtual `http`/`server` a fragment is included into are parents, never
 * visited.
 */
export interface NginxVisitors {
  /** Every directive. */
  directive?: DirectiveVisitor;
  /** Directives by name (`{ add_header: …, location: … }`): the walk hands each only its own. */
  directives?: Readonly<Record<string, DirectiveVisitor>>;
  /**
   * Also visit the directives spliced in from included files (`foreign`, at the include's
   * offsets), for rules that ask what is in effect rather than what is written here.
   */
  included?: boolean;
  /** Called once after the walk, for rules that decide on the whole file. */
  end?: () => void;
}

export interface NginxRule extends RuleBase {
  language: 'nginx';
  create(context: NginxRuleContext): NginxVisitors;
}
