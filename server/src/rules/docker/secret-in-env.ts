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

function usesVariable(model: DockerModel, instruction: Instruction, name: string): boolean {
  const { text } = model.shellText(instruction);
  return new RegExp(`\\$(?:\\{${name}(?:[:}?+-]|\\})|${name}(?![A-Za-z0-9_]))`).test(text);
}

/** RUN instructions after `after` in the same stage (and stages built on it) that read `$name`. */
function laterRuns(model: DockerModel, stage: Stage, after: Instruction, name: string): Instruction[] {
  const runs: Instruction[] = [];
  const stages = [stage, ...model.stages.filter((s) => s.index > stage.index && isBuiltOn(s, stage))];
  for (const s of stages) {
    for (const instruction of s.instructions) {
      if (s === stage && !instruction.isAfter(after)) continue;
      if (instruction.getKeyword() === 'RUN' && usesVariable(model, instruction, name)) runs.push(instruction);
    }
  }
  return runs;
}

function isBuiltOn(stage: Stage, base: Stage): boolean {
  for (let s = stage.baseStage; s; s = s.baseStage) if (s === base) return true;
  return false;
}

function secretMountFix(
  model: DockerModel,
  instruction: Instruction,
  name: string,
  runs: Instruction[],
  onlyProperty: boolean,
): DraftFix | undefined {
  if (runs.length === 0 || !onlyProperty) return undefined;
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
        const runs = laterRuns(model, stage, instruction, name);
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
