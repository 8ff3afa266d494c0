// sudo in a RUN step: the build already runs as the current USER; sudo means root is wanted at
// run time too, or hides which steps need privileges. Two shapes are the guide's concern: sudo
// used to gain root (`sudo apt-get …`), and a passwordless sudo grant (`NOPASSWD` written to
// /etc/sudoers), which lets anyone who runs code as that user become root. `sudo -u app …` in a
// step that runs as root drops privileges instead: it is quiet.
import type { Instruction } from 'dockerfile-ast';
import type { DockerModel, Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';

/** `sudo` and its flag words, from where the word starts (sticky). */
const sudoWithFlags = /sudo\s+(?:-[A-Za-z]+\s+)*/y;
const environmentAssignment = /^[A-Za-z_]\w*=/;

/**
 * Each `sudo` that starts a command (at the start, after `;`, `&`, `|` or `(`, or after `VAR=x`
 * assignments there), as offsets into `shell`: `start` of the word, `end` after its flags. A scan
 * rather than one regex: an unanchored pattern with the assignments before sudo backtracks
 * quadratically on long RUN lines.
 */
function sudoCommands(shell: string): Array<{ start: number; end: number; flags: string }> {
  const found: Array<{ start: number; end: number; flags: string }> = [];
  for (let at = shell.indexOf('sudo'); at >= 0; at = shell.indexOf('sudo', at + 4)) {
    sudoWithFlags.lastIndex = at;
    const match = sudoWithFlags.exec(shell);
    if (!match || (at > 0 && /[\w$-]/.test(shell[at - 1])) || !startsCommand(shell, at)) continue;
    found.push({ start: at, end: at + match[0].length, flags: match[0] });
  }
  return found;
}

/** Whether a command starts at `at`: only white space and `VAR=x` words since a separator. */
function startsCommand(shell: string, at: number): boolean {
  let i = at;
  for (;;) {
    while (i > 0 && /\s/.test(shell[i - 1])) i--;
    if (i === 0 || ';&|('.includes(shell[i - 1])) return true;
    let wordStart = i;
    while (wordStart > 0 && !/\s/.test(shell[wordStart - 1])) wordStart--;
    const word = shell.slice(wordStart, i);
    if (word === 'RUN' && wordStart === 0) return true;
    if (!environmentAssignment.test(word)) {
      // `a&&sudo`: a separator glued to the word before it.
      return /[;&|(]$/.test(word);
    }
    i = wordStart;
  }
}
/** The options of sudo that take a value (`-u user`, `-g group`, `-C fd`, …). */
const shortWithValue = new Set(['u', 'g', 'C', 'D', 'h', 'p', 'r', 't', 'U', 'R', 'T']);
const longWithValue = new Set([
  'user',
  'group',
  'close-from',
  'chdir',
  'host',
  'prompt',
  'role',
  'type',
  'other-user',
  'chroot',
  'command-timeout',
]);
/** `… NOPASSWD … >> /etc/sudoers` or `tee /etc/sudoers.d/app`: a passwordless sudo grant. */
function passwordlessGrant(shell: string): { index: number; file: string } | undefined {
  for (let at = shell.indexOf('NOPASSWD'); at >= 0; at = shell.indexOf('NOPASSWD', at + 8)) {
    if ((at > 0 && /\w/.test(shell[at - 1])) || /\w/.test(shell[at + 8] ?? '')) continue;
    // The rest of the command: a redirect into sudoers, or a pipe into tee.
    for (let i = at + 8; i < shell.length && !';&\n'.includes(shell[i]); i++) {
      const c = shell[i];
      if (c !== '>' && c !== '|') continue;
      const target = (c === '>' ? redirectTarget : teeTarget).exec(shell.slice(i, i + 200));
      if (target) return { index: at, file: target[1] };
      if (c === '|') break;
    }
  }
  return undefined;
}
const sudoersPath = String.raw`(\/etc\/sudoers(?:\.d\/[\w.-]+)?)`;
const redirectTarget = new RegExp(String.raw`^>>?[ \t]*["']?` + sudoersPath);
const teeTarget = new RegExp(String.raw`^\|[ \t]*(?:sudo[ \t]+)?tee[ \t]+(?:-a[ \t]+)?["']?` + sudoersPath);

function isRootUser(user: string): boolean {
  const name = user.replace(/^["']|["']$/g, '').split(':')[0];
  return name === 'root' || name === '0' || name === '#0';
}

/** The user `sudo` runs its command as (`-u`, `--user`), read from the words after it; undefined means root. */
export function sudoTargetUser(words: readonly string[]): string | undefined {
  let user: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--' || !word.startsWith('-')) break;
    if (word.startsWith('--')) {
      const [name, value] = word.slice(2).split(/=(.*)/s);
      if (!longWithValue.has(name)) continue;
      const argument = value ?? words[++i];
      if (name === 'user') user = argument;
      continue;
    }
    // A cluster of short options: `-Eu app`, `-iu app`, `-uapp`.
    for (let j = 1; j < word.length; j++) {
      const option = word[j];
      if (!shortWithValue.has(option)) continue;
      const argument = j + 1 < word.length ? word.slice(j + 1) : words[++i];
      if (option === 'u') user = argument;
      break;
    }
  }
  return user;
}

/** Whether the stage runs `instruction` as root: no USER before it (in the stage or the ones it builds on), or USER root/0. */
function runsAsRoot(model: DockerModel, stage: Stage, instruction: Instruction): boolean {
  let user: string | undefined;
  for (const s of model.chainOf(stage)) {
    for (const i of s.instructions) {
      if (s === stage && !instruction.isAfter(i)) break;
      if (i.getKeyword() === 'USER') user = (i.getArgumentsContent() ?? '').trim();
    }
  }
  return user === undefined || isRootUser(user);
}

export const sudo: DockerRule = {
  id: 'docker/sudo',
  language: 'dockerfile',
  meta: {
    title: 'sudo in RUN',
    summary: '`sudo` in `RUN` to gain root, or a passwordless sudo grant',
    severity: 'warning',
    guideSection: 'Container Security › Run as non-root user',
    checklistItem: 'access-controls',
    description:
      'A RUN step uses sudo to gain root, or grants passwordless sudo in /etc/sudoers. Build steps already run as the current USER, so sudo is either useless or means the image ships sudo with a privileged setup, which lets a compromised app become root.',
    remedy: 'Run privileged steps before switching USER, and drop sudo and NOPASSWD grants.',
    hasSuggestions: true,
  },
  create(context) {
    const { model } = context;
    return {
      RUN(instruction, stage) {
        const { text: shell, start: shellStart } = model.shellText(instruction);
        for (const found of sudoCommands(shell)) {
          const sudoStart = shellStart + found.start;
          const sudoEnd = shellStart + found.end;
          // The words after sudo up to the end of its command.
          const rest = shell.slice(sudoStart + 4 - shellStart).split(/[;&|\n]/)[0];
          const target = sudoTargetUser(rest.trim().split(/\s+/));
          // `sudo -u app …` from root runs the command with fewer privileges, not more.
          if (target !== undefined && !isRootUser(target) && runsAsRoot(model, stage, instruction)) continue;
          // `sudo -u postgres …` runs as another user: removing sudo would change who runs it.
          const switchesUser = target !== undefined || /\s-(?:[A-Za-z]*[gCDhprtU])\s/.test(found.flags + ' ');
          context.report({
            start: sudoStart,
            end: sudoStart + 4,
            message: 'sudo in a build step. Run privileged steps before USER and drop sudo.',
            // A suggestion: after a non-root USER, the step may need to move before USER instead.
            fixes: switchesUser
              ? []
              : [
                  {
                    title: 'Remove sudo',
                    kind: 'suggestion',
                    edits: [{ start: sudoStart, end: sudoEnd, newText: '' }],
                  },
                ],
          });
        }
        const grant = passwordlessGrant(shell);
        if (grant) {
          const at = shellStart + grant.index;
          context.report({
            start: at,
            end: at + 'NOPASSWD'.length,
            message: `This step grants passwordless sudo in ${grant.file}: any code running as that user can become root. Drop the grant and run privileged steps before USER.`,
          });
        }
      },
    };
  },
};
