// chmod 777 makes files writable by every user in the container: any process can change the
// app's code or data. A `mktemp` folder that the same RUN removes again never reaches a layer.
import type { DockerRule } from '../../languages/dockerfile/rule';

const worldWritable = /^(?:0?777|a\+rwx|ugo\+rwx)$/;

/** The words of a command from `at` to the next `;`, `&`, `|`, `)` or line break. */
function wordsFrom(text: string, at: number): string[] {
  const words: string[] = [];
  let i = at;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length || /[;&|)\n]/.test(text[i])) return words;
    let end = i;
    while (end < text.length && !/[\s;&|)]/.test(text[end])) end++;
    words.push(text.slice(i, end));
    i = end;
  }
}

/** The variable a word names, with or without quotes and braces, and a sub-path after it. */
function variableOf(word: string): { name: string; subPath: boolean } | undefined {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))(\/.*)?$/.exec(word.replace(/["']/g, ''));
  return m ? { name: m[1] ?? m[2], subPath: m[3] !== undefined && m[3] !== '/' } : undefined;
}

/**
 * Variables assigned a `mktemp` path in the shell text (`d=$(mktemp -d)`, `export T="$(mktemp
 * -d)"`, backticks), with the offset of each assignment.
 */
function temporaryVariables(text: string): Map<string, number> {
  const found = new Map<string, number>();
  const assignment = /(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=["']?(?:\$\(\s*mktemp\b|`\s*mktemp\b)/g;
  for (let m = assignment.exec(text); m; m = assignment.exec(text)) if (!found.has(m[1])) found.set(m[1], m.index);
  return found;
}

/** Whether `before` ends with the word `trap`, then white space and quotes (a scan back: linear). */
function endsWithTrap(before: string): boolean {
  let end = before.length;
  while (end > 0 && /[\s"']/.test(before[end - 1])) end--;
  if (end === before.length || !before.slice(0, end).endsWith('trap')) return false;
  return end === 4 || !/\w/.test(before[end - 5]);
}

/** Whether an `rm` after `after` (or an `rm` in a `trap`) removes the whole of `$name`. */
function removedLater(text: string, name: string, after: number, assigned: number): boolean {
  const rm = /(?:^|[\s;&|('"])rm\s/g;
  for (let m = rm.exec(text); m; m = rm.exec(text)) {
    const inTrap = endsWithTrap(text.slice(Math.max(0, m.index - 12), m.index + 1));
    if (!(m.index > after || (inTrap && m.index > assigned))) continue;
    const words = wordsFrom(text, m.index + m[0].length);
    if (words.some((w) => !w.startsWith('-') && variableOf(w)?.name === name && !variableOf(w)?.subPath)) return true;
  }
  return false;
}

/** Whether every target of the chmod at `modeEnd` is a temporary folder that the RUN removes later. */
function onlyRemovedTemporaries(text: string, modeEnd: number): boolean {
  const targets = wordsFrom(text, modeEnd);
  if (targets.length === 0) return false;
  const temporary = temporaryVariables(text);
  return targets.every((target) => {
    const variable = variableOf(target);
    const assigned = variable ? temporary.get(variable.name) : undefined;
    return assigned !== undefined && assigned < modeEnd && removedLater(text, variable!.name, modeEnd, assigned);
  });
}

/** `chmod [flags] <mode>` with a world-writable mode: token by token, so linear. */
function* chmod777(text: string): Generator<{ start: number; modeStart: number; modeEnd: number; mode: string }> {
  const command = /\bchmod\b/g;
  for (let m = command.exec(text); m; m = command.exec(text)) {
    let at = m.index + m[0].length;
    for (;;) {
      while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
      let end = at;
      while (end < text.length && !/\s|[;&|]/.test(text[end])) end++;
      const token = text.slice(at, end);
      if (token.startsWith('-') && token.length > 1) {
        at = end;
        continue;
      }
      if (worldWritable.test(token)) yield { start: m.index, modeStart: at, modeEnd: end, mode: token };
      break;
    }
  }
}

export const chmod777Rule: DockerRule = {
  id: 'docker/chmod-777',
  language: 'dockerfile',
  meta: {
    title: 'World-writable permissions',
    summary: '`chmod 777` / `a+rwx` in a build step',
    severity: 'warning',
    guideSection: 'Container Security (beyond the guide: least privilege)',
    checklistItem: 'access-controls',
    description:
      'chmod 777 gives every user in the container write (and execute) access. Any process, including a compromised dependency running as another user, can then replace the app\u2019s code or data.',
    remedy: 'Give the app user ownership (COPY --chown or chown) and use 755 for folders and 644 for files.',
    fixable: true,
  },
  create(context) {
    const { model } = context;
    return {
      RUN(instruction) {
        const { text, start: offset } = model.shellText(instruction);
        for (const { start, modeStart, modeEnd, mode } of chmod777(text)) {
          if (onlyRemovedTemporaries(text, modeEnd)) continue;
          context.report({
            start: offset + start,
            end: offset + modeEnd,
            message: `chmod ${mode} makes these files writable by every user. Use 755 (folders) or 644 (files) and give the app user ownership.`,
            fixes: [
              {
                title: 'Use 755',
                kind: 'fix',
                edits: [{ start: offset + modeStart, end: offset + modeEnd, newText: '755' }],
              },
            ],
          });
        }
      },
    };
  },
};
