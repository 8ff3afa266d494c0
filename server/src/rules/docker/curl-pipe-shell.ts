// `curl … | sh` runs whatever the server returns, as root, inside the build.
import { allInstructions, shellMatches } from '../../languages/dockerfile/edits';
import type { DockerRule } from '../../languages/dockerfile/rule';

const pipeToShell = /\b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ash|ksh|python3?|node|perl|ruby)\b/;

export const curlPipeShell: DockerRule = {
  id: 'docker/curl-pipe-shell',
  language: 'dockerfile',
  meta: {
    title: 'Downloaded script piped to a shell',
    severity: 'warning',
    guideSection: 'Container Security (beyond the guide: supply chain)',
    checklistItem: 'dependencies-updated',
    docs: 'docs/rules/docker/curl-pipe-shell.md',
    description:
      'A RUN step pipes curl or wget output straight into a shell or interpreter. The build runs whatever the server returns at that moment, unreviewed and unverified; a compromised or spoofed server owns the image.',
    remedy: 'Download to a file, verify its checksum or signature, then run it; or install from the distribution\u2019s package manager.',
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const { start, end } of shellMatches(model, allInstructions(model), pipeToShell)) {
      context.report({ start, end, message: 'A downloaded script is piped straight into a shell. Download it, verify its checksum, then run it.' });
    }
  },
};
