// How a Dockerfile rule plugs in: it gets the parsed model once and checks what it needs.
import type { ResolvedConfig } from '../../core/config';
import type { DraftFinding, RuleBase } from '../../core/rule';
import type { DockerModel } from './model';

export interface DockerRuleContext {
  readonly model: DockerModel;
  readonly config: ResolvedConfig;
  /** Companion files by name (`.dockerignore`): text, null when absent, missing when unknown. */
  readonly companions: Readonly<Record<string, string | null>> | undefined;
  report(finding: DraftFinding): void;
}

export interface DockerRule extends RuleBase {
  language: 'dockerfile';
  check(context: DockerRuleContext): void;
}
