// ENV and ARG values are baked into the image and its history (`docker history`, `docker
// inspect`): a secret there is readable by anyone who can pull the image.
import { PropertyInstruction, type Instruction } from 'dockerfile-ast';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import { findCredentials, isPlaceholder, isSecretLikeName, maskSecret } from '../../knowledge/secrets';
import { removeInstruction } from '../../languages/dockerfile/edits';
import type { DockerModel, Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';

/** Extensions of files that hold or point at credentials: a value naming one is a path, not the secret. */
const fileExtension =
  /\.(?:json|pem|key|crt|cer|der|p12|pfx|jks|keystore|asc|gpg|pub|txt|ya?ml|toml|ini|conf|cfg|env|properties|xml)$/i;

/**
 * A value that names a file rather than holding a secret: an absolute path (`/run/secrets/key`,
 * whose first folder is a lower-case name, unlike base64 that happens to start with `/`), a
 * home or relative path, or a file name with a known extension (`key.json`, `certs/tls.pem`).
 */
function isPathValue(value: string): boolean {
  if (/^\/[a-z0-9._-]+(?:\/[A-Za-z0-9._@-]*)*$/.test(value)) return true;
  if (/^(?:~|\.{1,2})\/[A-Za-z0-9._@/-]*$/.test(value)) return true;
  if (/^[A-Za-z]:\\[A-Za-z0-9._\\ -]*$/.test(value)) return true;
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:\/[A-Za-z0-9._-]+)*$/.test(value) && fileExtension.test(value);
}

/** Enough of a value to find it again, never enough to use it: none of a short one. */
function masked(value: string): string {
  if (value.length >= 12) return maskSecret(value);
  return value.length >= 8 ? `${value.slice(0, 2)}…` : '…';
}

/** A shell variable name: what `$NAME` and `${NAME}` can read. */
const variableStart = /[A-Za-z_]/;
const variablePart = /[A-Za-z0-9_]/;

/**
 * The variables a RUN reads (`$NAME`, `${NAME}`, `${NAME:-x}`), found in one pass over its text.
 * No pattern is built from a name the file wrote: an ENV named `(x+x+)+y` made one that took
 * seconds to match, and one named `TOKEN(` made one that does not compile.
 */
function variablesRead(text: string): Set<string> {
  const names = new Set<string>();
  for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
    const braced = text[at + 1] === '{';
    let end = at + (braced ? 2 : 1);
    if (!variableStart.test(text[end] ?? '')) continue;
    while (end < text.length && variablePart.test(text[end])) end++;
    if (braced && !':}?+-'.includes(text[end] ?? '\n')) continue;
    names.add(text.slice(at + (braced ? 2 : 1), end));
  }
  return names;
}

/** Stages past this depth of `FROM <stage>` links are not followed (as DockerModel.chainOf). */
const MAX_STAGE_DEPTH = 64;
/** More RUNs than this read the secret: no fix is offered (one that edits them all is no help). */
const MAX_FIXED_RUNS = 64;

/**
 * What laterRuns needs, computed once per file: the stages built directly on each stage, and
 * the variables each RUN reads. Asking every stage, for every secret, whether it is built on
 * the secret's stage, and matching every RUN again, was quadratic in stages (a 2 MB file of
 * 22,000 stages: 3.5 s in this rule).
 */
class StageIndex {
  private readonly children = new Map<Stage, Stage[]>();
  private readonly reads = new Map<Instruction, Set<string>>();

  constructor(private readonly model: DockerModel) {
    for (const stage of model.stages) {
      if (!stage.baseStage) continue;
      const list = this.children.get(stage.baseStage);
      if (list) list.push(stage);
      else this.children.set(stage.baseStage, [stage]);
    }
  }

  /** The stage and the later stages built on it, up to MAX_STAGE_DEPTH links away. */
  stagesFrom(stage: Stage): Stage[] {
    const found = [stage];
    let frontier = [stage];
    for (let depth = 0; depth < MAX_STAGE_DEPTH && frontier.length > 0; depth++) {
      const next: Stage[] = [];
      for (const s of frontier)
        for (const child of this.children.get(s) ?? []) if (child.index > stage.index) next.push(child);
      found.push(...next);
      frontier = next;
    }
    return found;
  }

  readsVariable(instruction: Instruction, name: string): boolean {
    let names = this.reads.get(instruction);
    if (!names) this.reads.set(instruction, (names = variablesRead(this.model.shellText(instruction).text)));
    return names.has(name);
  }
}

/**
 * RUN instructions after `after` in the same stage (and stages built on it) that read `$name`;
 * undefined when there are more than a fix could sensibly edit.
 */
function laterRuns(index: StageIndex, stage: Stage, after: Instruction, name: string): Instruction[] | undefined {
  const runs: Instruction[] = [];
  for (const s of index.stagesFrom(stage)) {
    for (const instruction of s.instructions) {
      if (s === stage && !instruction.isAfter(after)) continue;
      if (instruction.getKeyword() !== 'RUN' || !index.readsVariable(instruction, name)) continue;
      if (runs.length >= MAX_FIXED_RUNS) return undefined;
      runs.push(instruction);
    }
  }
  return runs;
}

function secretMountFix(
  model: DockerModel,
  instruction: Instruction,
  name: string,
  runs: Instruction[] | undefined,
  onlyProperty: boolean,
): DraftFix | undefined {
  if (!runs || runs.length === 0 || !onlyProperty) return undefined;
  const edits: OffsetEdit[] = [removeInstruction(model, instruction)];
  for (const run of runs) {
    const keywordEnd = model.spanOf(run.getInstructionRange()).end;
    edits.push({ start: keywordEnd, end: keywordEnd, newText: ` --mount=type=secret,id=${name},env=${name}` });
  }
  const hasSyntax = model.dockerfile.getDirectives().some((d) => d.getName() === 'syntax');
  if (!hasSyntax) edits.push({ start: 0, end: 0, newText: `# syntax=docker/dockerfile:1${model.lines.eol}` });
  return { title: `Pass ${name} as a BuildKit secret (RUN --mount=type=secret)`, kind: 'suggestion', edits };
}

export const secretInEnv: DockerRule = {
  id: 'docker/secret-in-env',
  language: 'dockerfile',
  meta: {
    title: 'Secret in ENV or ARG',
    summary: 'secrets in `ENV`/`ARG`; fix moves them to a BuildKit secret mount',
    severity: 'error',
    guideSection: 'Protecting Sensitive Information › Never hardcode secrets',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'An ENV or ARG with a secret-like name has a value, or holds a credential in a known format. ENV values are stored in the image config and ARG values in its build history: anyone who can pull the image can read them.',
    remedy:
      'Pass the secret at build time with a BuildKit secret mount (RUN --mount=type=secret,id=NAME,env=NAME …) and at run time from the environment.',
    hasSuggestions: true,
  },
  create(context) {
    const { model } = context;
    let index: StageIndex | undefined;
    const visit = (instruction: Instruction, stage: Stage): void => {
      const keyword = instruction.getKeyword();
      if (!(instruction instanceof PropertyInstruction)) return;
      const properties = instruction.getProperties();
      for (const property of properties) {
        const name = property.getName();
        const value = property.getValue();
        const valueRange = property.getValueRange();
        if (value === null || valueRange === null) continue;
        const unquoted = value.replace(/^(["'])(.*)\1$/, '$2');
        // A credential format is a secret whatever the name; a secret-like name needs a value that
        // is neither a placeholder, a reference nor a path.
        const credential = findCredentials(unquoted)[0];
        const secretName =
          isSecretLikeName(name) &&
          !isPlaceholder(unquoted) &&
          !/^\$\{?[A-Za-z_]/.test(unquoted) &&
          !isPathValue(unquoted);
        if (!credential && !secretName) continue;
        const span = model.spanOf(valueRange);
        const runs = laterRuns((index ??= new StageIndex(model)), stage, instruction, name);
        const fix = secretMountFix(model, instruction, name, runs, properties.length === 1);
        const what = credential ? credential.format.label : 'secret';
        const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
        context.report({
          start: span.start,
          end: span.end,
          message: `${keyword} ${name} puts ${article} ${what} ('${credential ? maskSecret(credential.value) : masked(unquoted)}') into the image. Pass it as a BuildKit secret instead.`,
          fixes: fix ? [fix] : [],
        });
      }
    };
    return { ENV: visit, ARG: visit };
  },
};
