// How a Dockerfile rule plugs into the one shared walk: it subscribes to instructions by
// keyword (or to every one) and may decide at the end of the file.
import type { From, Instruction } from 'dockerfile-ast';
import type { ResolvedConfig } from '../../core/config';
import type { DraftFinding, RuleBase } from '../../core/rule';
import type { DockerModel, Stage } from './model';

export interface DockerRuleContext {
  /** The whole parsed file, complete before the walk: visitors may look anywhere in it. */
  readonly model: DockerModel;
  readonly config: ResolvedConfig;
  /** Companion files by name (`.dockerignore`): text, null when absent, missing when unknown. */
  readonly companions: Readonly<Record<string, string | null>> | undefined;
  report(finding: DraftFinding): void;
}

/** Keywords rules subscribe to (any other keyword is still visited by `instruction`). */
export type DockerKeyword =
  | 'ADD'
  | 'ARG'
  | 'CMD'
  | 'COPY'
  | 'ENTRYPOINT'
  | 'ENV'
  | 'EXPOSE'
  | 'HEALTHCHECK'
  | 'LABEL'
  | 'ONBUILD'
  | 'RUN'
  | 'SHELL'
  | 'STOPSIGNAL'
  | 'USER'
  | 'VOLUME'
  | 'WORKDIR';

export type InstructionVisitor = (instruction: Instruction, stage: Stage) => void;

/**
 * What a rule subscribes to. The walk visits each stage's FROM and then its instructions, in
 * file order, with the stage they belong to; the ARGs before the first FROM are the model's
 * `globalArgs`, not visited.
 */
export type DockerVisitors = { [K in DockerKeyword]?: InstructionVisitor } & {
  FROM?: (from: From, stage: Stage) => void;
  /** Every instruction, FROM included. */
  instruction?: InstructionVisitor;
  /** Called once after the walk, for rules that decide on the whole file. */
  end?: () => void;
};

export interface DockerRule extends RuleBase {
  language: 'dockerfile';
  create(context: DockerRuleContext): DockerVisitors;
}
