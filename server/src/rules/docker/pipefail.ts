// A pipeline's exit status is its last command's: `curl … | tar -x` succeeds when the download
// fails, and the build goes on with a missing or truncated file, unless pipefail is on.
import { JSONInstruction, type Instruction } from 'dockerfile-ast';
import type { DraftFix } from '../../core/rule';
import { insertLinesBefore } from '../../languages/dockerfile/edits';
import { osFamily, type DockerModel, type Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';
import { baseName, commandLine, runScript, setsPipefail, type ShellCommand } from '../../languages/dockerfile/shell';

/**
 * Commands that fetch over the network: their failure is the one a pipe hides (hadolint's DL4006
 * flags every pipe; `ldd … | awk`, `find … | xargs` of local files are left alone here).
 */
function downloads(command: ShellCommand): boolean {
  const line = commandLine(command);
  if (!line) return false;
  const { program, args } = line;
  if (['curl', 'wget', 'aria2c', 'http', 'https', 'xh', 'fetch'].includes(program)) return true;
  if (program === 'gsutil') return args[0]?.value === 'cat' || args[0]?.value === 'cp';
  if (program === 'aws') return args[0]?.value === 's3' && args[1]?.value === 'cp';
  return false;
}
/** `yes | cmd` ends with SIGPIPE once cmd stops reading: pipefail would fail a working step. */
const endsWithSigpipe = new Set(['yes']);
const posixShells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const windowsShell = /^(?:pwsh|powershell|cmd)(?:\.exe)?$/i;

/** Each stage's SHELL instructions and every instruction's place, found once per stage. */
interface StageShells {
  shells: Array<{ at: number; shell: Instruction }>;
  indexOf: Map<Instruction, number>;
}
const stageShells = new WeakMap<Stage, StageShells>();

function shellsOf(stage: Stage): StageShells {
  let known = stageShells.get(stage);
  if (!known) {
    known = { shells: [], indexOf: new Map() };
    for (const [at, i] of stage.instructions.entries()) {
      known.indexOf.set(i, at);
      if (i.getKeyword() === 'SHELL') known.shells.push({ at, shell: i });
    }
    stageShells.set(stage, known);
  }
  return known;
}

/**
 * The JSON words of the SHELL in effect for `instruction`: the stage's last before it, else the
 * parent stage's. Looked up in a table per stage: searching the stage's instructions again for
 * each RUN was quadratic in a stage of thousands of them.
 */
function shellFor(stage: Stage, instruction: Instruction): string[] | undefined {
  const own = shellsOf(stage);
  const index = own.indexOf.get(instruction) ?? -1;
  // The last SHELL before it, by halving (the list is in order).
  let low = 0;
  let high = own.shells.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (own.shells[middle].at < index) low = middle + 1;
    else high = middle;
  }
  let shell: Instruction | undefined = low > 0 ? own.shells[low - 1].shell : undefined;
  // SHELL is part of the image config: a stage built FROM another stage inherits it.
  for (let s = stage.baseStage, guard = 0; !shell && s && guard < 64; s = s.baseStage, guard++)
    shell = shellsOf(s).shells.at(-1)?.shell;
  if (!(shell instanceof JSONInstruction)) return undefined;
  return shell.getJSONStrings().map((w) => w.getJSONValue());
}

function isWindows(model: DockerModel, stage: Stage): boolean {
  if (model.escapeChar === '`') return true;
  const image = model.baseImageOf(stage);
  const name = `${image?.registry ?? ''}/${image?.name ?? ''}:${image?.tag ?? ''}`.toLowerCase();
  return /windows|nanoserver|servercore|ltsc20\d\d/.test(name);
}

/** The first pipeline of top-level commands fed by a download, if any. */
function failablePipeline(commands: readonly ShellCommand[]): ShellCommand[] | undefined {
  let pipeline: ShellCommand[] = [];
  for (const command of commands) {
    if (command.nested) continue;
    if (pipeline.length > 0 || command.after === '|' || command.after === '|&') pipeline.push(command);
    if (pipeline.length > 0 && command.after !== '|' && command.after !== '|&') {
      const producers = pipeline.slice(0, -1);
      const sigpipe = producers.some((c) => endsWithSigpipe.has(commandLine(c)?.program ?? ''));
      if (!sigpipe && producers.some(downloads)) return pipeline;
      pipeline = [];
    }
  }
  return undefined;
}

export const pipefail: DockerRule = {
  id: 'docker/pipefail',
  language: 'dockerfile',
  meta: {
    title: 'Pipe without pipefail',
    summary: 'a `RUN` that pipes a download (`curl … | tar`) without `set -o pipefail` or a pipefail `SHELL`',
    severity: 'info',
    guideSection: 'Container Security (beyond the guide: build integrity)',
    description:
      'A RUN step pipes a download into another command without pipefail, so the step\u2019s exit status is only the last command\u2019s. When the download at the start of `curl … | tar -x` or `wget -O- … | sh` fails, the step still succeeds and the image is built without the file, or with a truncated one, and nobody notices until it runs.',
    remedy:
      'Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before the step (Debian and Ubuntu, whose /bin/sh is dash), or start the command with set -o pipefail && (bash, Alpine\u2019s ash).',
    hasSuggestions: true,
  },
  create(context) {
    const { model } = context;
    /** Where each stage's SHELL line goes: above its first flagged RUN, so every finding shares one edit. */
    const shellAnchor = new Map<Stage, Instruction>();
    return {
      RUN(instruction, stage) {
        const script = runScript(model, instruction);
        if (script.exec || isWindows(model, stage)) return;
        const shell = shellFor(stage, instruction);
        const program = shell ? baseName(shell[0] ?? '') : 'sh';
        if (windowsShell.test(program) || !posixShells.has(program)) return;
        if (shell && setsPipefail(shell.slice(1).map((value) => ({ value })))) return;
        const pipeline = failablePipeline(script.commands);
        if (!pipeline) return;
        const before = script.commands.slice(0, script.commands.indexOf(pipeline[0]));
        if (
          before.some((c) => {
            const line = commandLine(c);
            return !c.nested && line?.program === 'set' && setsPipefail(line.args);
          })
        )
          return;
        const first = pipeline[0];
        const last = pipeline[pipeline.length - 1];
        const from = commandLine(first)?.program ?? 'a command';
        const to = commandLine(last)?.program ?? 'another';
        const family = osFamily(model.baseImageOf(stage));
        const heredoc = model.text.startsWith('<<', script.start);
        const fixes: DraftFix[] = [];
        const prefix: DraftFix = {
          title: 'Start the command with set -o pipefail &&',
          kind: 'suggestion',
          edits: [{ start: script.start, end: script.start, newText: 'set -o pipefail && ' }],
        };
        const shellLine = (words: string): DraftFix => {
          if (!shellAnchor.has(stage)) shellAnchor.set(stage, instruction);
          return {
            title: `Add SHELL [${words}] before this step`,
            kind: 'suggestion',
            edits: [insertLinesBefore(model, shellAnchor.get(stage)!, [`SHELL [${words}]`])],
          };
        };
        const bash = '"/bin/bash", "-o", "pipefail", "-c"';
        let advice: string;
        if (shell && program !== 'sh' && program !== 'dash') {
          // An explicit bash, ash, zsh or ksh understands set -o pipefail.
          advice = `Start it with set -o pipefail && (or add -o pipefail to the SHELL).`;
          if (!heredoc) fixes.push(prefix);
        } else if (family === 'alpine') {
          // BusyBox ash, Alpine's /bin/sh, has pipefail; there is no bash by default.
          advice = 'Start it with set -o pipefail && (BusyBox ash supports it).';
          fixes.push(heredoc ? shellLine('"/bin/ash", "-o", "pipefail", "-c"') : prefix);
        } else if (family === 'debian') {
          // dash (Debian's and Ubuntu's /bin/sh) rejects set -o pipefail: switch the stage to bash.
          advice = `Add SHELL [${bash}] before it (/bin/sh here is dash, which rejects set -o pipefail).`;
          fixes.push(shellLine(bash));
        } else {
          advice = `Add SHELL [${bash}] before it, or start it with set -o pipefail && if this image's /bin/sh is not dash.`;
          if (family === 'unknown') {
            fixes.push(shellLine(bash));
            if (!heredoc) fixes.push(prefix);
          }
        }
        context.report({
          start: first.start,
          end: last.end,
          message: `This step pipes ${from} into ${to} without pipefail: if ${from} fails, the step still succeeds with whatever ${to} made of its output. ${advice}`,
          fixes,
        });
      },
    };
  },
};
