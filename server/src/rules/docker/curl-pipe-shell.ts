// `curl … | sh` runs whatever the server returns, as root, inside the build.
import type { DockerRule } from '../../languages/dockerfile/rule';

const downloader = /\b(?:curl|wget)\b/;
const interpreter =
  /^(?:sudo(?:\s+-\S+)*\s+)?(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ash|ksh|python3?|node|perl|ruby)\b/;

/**
 * `curl … | sh` in shell text: for every single `|`, the command before it (back to `;`, `&` or a
 * line break) runs curl or wget and the one after it is a shell. Scanning pipe by pipe keeps
 * this linear, where one regular expression over the text would backtrack.
 */
function* pipesToShell(text: string): Generator<{ start: number; end: number }> {
  let commandStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ';' || c === '&' || c === '\n') {
      commandStart = i + 1;
      continue;
    }
    if (c !== '|') continue;
    if (text[i + 1] === '|') {
      commandStart = i + 2;
      i++;
      continue;
    }
    const before = text.slice(commandStart, i);
    const found = downloader.exec(before);
    let after = i + 1;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    const rest = text.slice(after, Math.min(text.length, after + 256));
    const shell = interpreter.exec(rest);
    if (found && shell) yield { start: commandStart + found.index, end: after + shell[0].length };
    commandStart = i + 1;
  }
}

export const curlPipeShell: DockerRule = {
  id: 'docker/curl-pipe-shell',
  language: 'dockerfile',
  meta: {
    title: 'Downloaded script piped to a shell',
    summary: '`curl … \\| sh` and friends',
    severity: 'warning',
    guideSection: 'Container Security (beyond the guide: supply chain)',
    checklistItem: 'dependencies-updated',
    description:
      'A RUN step pipes curl or wget output straight into a shell or interpreter. The build runs whatever the server returns at that moment, unreviewed and unverified; a compromised or spoofed server owns the image.',
    remedy:
      'Download to a file, verify its checksum or signature, then run it; or install from the distribution\u2019s package manager.',
  },
  create(context) {
    const { model } = context;
    return {
      RUN(instruction) {
        const { text, start: offset } = model.shellText(instruction);
        for (const { start, end } of pipesToShell(text)) {
          context.report({
            start: offset + start,
            end: offset + end,
            message:
              'A downloaded script is piped straight into a shell. Download it, verify its checksum, then run it.',
          });
        }
      },
    };
  },
};
