// chmod 777 makes files writable by every user in the container: any process can change the
// app's code or data.
import type { DockerRule } from '../../languages/dockerfile/rule';

const worldWritable = /^(?:0?777|a\+rwx|ugo\+rwx)$/;

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
