// Package signature checks turned off in a build: the package manager installs whatever a mirror,
// a proxy or anyone on the network path serves, as root, into the image.
import type { Instruction } from 'dockerfile-ast';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import type { DockerModel, Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';
import {
  commandLine,
  removeWordsEdit,
  runScript,
  spanOfValue,
  type ShellScript,
  type ShellWord,
} from '../../languages/dockerfile/shell';

interface Finding {
  start: number;
  end: number;
  message: string;
  edit?: OffsetEdit;
  title?: string;
}

const apt = new Set(['apt-get', 'apt', 'aptitude']);
const yum = new Set(['yum', 'dnf', 'dnf5', 'microdnf', 'tdnf', 'yum-config-manager']);
const aptSetting =
  /(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)(?:\s+(?:=\s*)?|=\s*)"?(?:true|1|yes|on)\b"?;?/i;
/** A sources.list line's options: `deb [trusted=yes] http://…` (the bracket may start the word after `deb`). */
const sourcesOption = /(?:^|\s)deb(?:-src)?\s+\[([^\][\n]*)\]/g;
const sourcesOptionAfterDeb = /^\[([^\]\n]*)\]/g;
const deb822Trusted = /^Trusted:\s*yes\b/im;
const insecureSourceOption = /^(?:trusted|allow-insecure|allow-weak|allow-downgrade-to-insecure)=yes$/;
const gpgcheckOff = /(?<![\w-])gpgcheck\s*=\s*(0|false|no|off)\b/i;

const remedies = {
  apt: "Remove it and add the repository's signing key (signed-by=).",
  apk: "Remove it and add the repository's key to /etc/apk/keys.",
  rpm: "Remove it and import the vendor's key (rpm --import).",
} as const;

/** A slice of a word's value as one contiguous run of the file (no quote or escape inside), else undefined. */
function contiguous(word: ShellWord, from: number, to: number): { start: number; end: number } | undefined {
  if (to <= from) return undefined;
  const span = spanOfValue(word, from, to);
  return span.end - span.start === to - from ? span : undefined;
}

function flagFinding(model: DockerModel, words: ShellWord[], message: string): Finding {
  const first = words[0];
  const last = words[words.length - 1];
  return { start: first.start, end: last.end, message, edit: removeWordsEdit(model, words), title: 'Remove the flag' };
}

/** Options of apt-get, apk, rpm, yum/dnf and zypper that skip signature checks. */
function optionFindings(model: DockerModel, program: string, args: readonly ShellWord[]): Finding[] {
  const found: Finding[] = [];
  const values = args.map((w) => w.value);
  for (let i = 0; i < args.length; i++) {
    const v = values[i];
    if (v === '--') break;
    if (apt.has(program)) {
      if (v === '--allow-unauthenticated' || v === '--allow-insecure-repositories')
        found.push(
          flagFinding(
            model,
            [args[i]],
            `${program} ${v} installs packages whose signatures are not checked: a mirror or anyone on the network path can serve other packages. ${remedies.apt}`,
          ),
        );
      else if (v === '--force-yes')
        found.push(
          flagFinding(
            model,
            [args[i]],
            `${program} --force-yes also accepts unauthenticated packages (and downgrades). Remove it: -y is enough.`,
          ),
        );
      else if ((v === '-o' || v === '--option') && args[i + 1] && aptSetting.test(values[i + 1])) {
        found.push(
          flagFinding(
            model,
            [args[i], args[i + 1]],
            `${program} -o ${values[i + 1]} accepts unsigned packages or repositories. ${remedies.apt}`,
          ),
        );
        i++;
      } else if ((v.startsWith('-o') || v.startsWith('--option=')) && aptSetting.test(v))
        found.push(
          flagFinding(model, [args[i]], `${program} ${v} accepts unsigned packages or repositories. ${remedies.apt}`),
        );
    } else if (program === 'apk') {
      // `apk index` and `apk verify` install nothing.
      if (v === '--allow-untrusted' && values[0] !== 'index' && values[0] !== 'verify')
        found.push(
          flagFinding(
            model,
            [args[i]],
            `apk --allow-untrusted installs packages without checking their signatures. ${remedies.apk}`,
          ),
        );
    } else if (program === 'rpm') {
      if ((v === '--nosignature' || v === '--nodigest') && installsRpm(values))
        found.push(
          flagFinding(
            model,
            [args[i]],
            `rpm ${v} installs without checking the package's ${v === '--nodigest' ? 'digests' : 'signature'}. ${remedies.rpm}`,
          ),
        );
    } else if (yum.has(program)) {
      if (v === '--nogpgcheck' || v === '--no-gpgchecks')
        found.push(
          flagFinding(
            model,
            [args[i]],
            `${program} ${v} installs packages without checking their signatures. ${remedies.rpm}`,
          ),
        );
    } else if (program === 'zypper') {
      if (v === '--no-gpg-checks' || v === '--no-gpgcheck' || (v === '-G' && /^(?:ar|addrepo)$/.test(values[0] ?? '')))
        found.push(flagFinding(model, [args[i]], `zypper ${v} skips signature checks. ${remedies.rpm}`));
    }
  }
  return found;
}

function installsRpm(values: readonly string[]): boolean {
  return values.some((v) => /^-[A-Za-z]*[iUF]/.test(v) || /^--(?:install|upgrade|freshen|reinstall)$/.test(v));
}

/** The `sed s/…/…/` replacement parts of a word (what sed writes), with their indices in the value. */
function* written(program: string, word: ShellWord): Generator<{ text: string; at: number }> {
  if (program !== 'sed') {
    yield { text: word.value, at: 0 };
    return;
  }
  const substitution = /(?:^|;|\s)s(.)((?:(?!\1)[^\\]|\\.)*)\1((?:(?!\1)[^\\]|\\.)*)\1/g;
  for (const m of word.value.matchAll(substitution)) {
    const at = m.index + m[0].length - 1 - m[3].length;
    yield { text: m[3], at };
  }
}

/**
 * Settings written into files (or passed as option values): apt.conf's AllowUnauthenticated,
 * sources.list's `[trusted=yes]`, a repository's `gpgcheck=0`. `at` maps text to the word.
 */
function settingFindings(
  text: string,
  locate: (from: number, to: number) => { start: number; end: number } | undefined,
  afterDeb = false,
  nextWord = '',
): Finding[] {
  const found: Finding[] = [];
  const aptMatch = aptSetting.exec(text);
  if (aptMatch) {
    const span = locate(aptMatch.index, aptMatch.index + aptMatch[0].length);
    if (span)
      found.push({
        ...span,
        message: `${aptMatch[0]} makes apt accept unsigned packages or repositories. ${remedies.apt}`,
      });
  }
  const trusted = deb822Trusted.exec(text);
  if (trusted) {
    const span = locate(trusted.index, trusted.index + trusted[0].length);
    if (span)
      found.push({ ...span, message: `${trusted[0]} makes apt accept this repository unsigned. ${remedies.apt}` });
  }
  for (const found822 of text.matchAll(afterDeb ? sourcesOptionAfterDeb : sourcesOption)) {
    // From the bracket on: `m` as if the match started there.
    const bracket = found822.index + found822[0].indexOf('[');
    const m = { 0: text.slice(bracket, found822.index + found822[0].length), 1: found822[1], index: bracket };
    const options = m[1].trim().split(/\s+/);
    const insecure = options.find((o) => insecureSourceOption.test(o));
    if (!insecure) continue;
    // A local repository (`file:` / `copy:`) holds packages this build made: there is no one to sign them.
    const uri = text.slice(found822.index + found822[0].length).trimStart() || nextWord;
    if (/^(?:file|copy):/.test(uri)) continue;
    const span = locate(m.index, m.index + m[0].length);
    if (!span) continue;
    const finding: Finding = {
      ...span,
      message: `[${m[1].trim()}] makes apt accept this repository without a valid signature. ${remedies.apt}`,
    };
    // Remove the option (and the brackets when it is the only one).
    if (options.length === 1) {
      const withSpace = text[m.index + m[0].length] === ' ' ? 1 : 0;
      const removal = locate(m.index, m.index + m[0].length + withSpace);
      if (removal) {
        finding.edit = { ...removal, newText: '' };
        finding.title = `Remove [${insecure}]`;
      }
    } else {
      const inner = m[0].indexOf(insecure);
      const before = m[0][inner - 1] === ' ' ? 1 : 0;
      const removal = locate(m.index + inner - before, m.index + inner + insecure.length);
      if (removal) {
        finding.edit = { ...removal, newText: '' };
        finding.title = `Remove ${insecure}`;
      }
    }
    found.push(finding);
  }
  const gpg = gpgcheckOff.exec(text);
  if (gpg) {
    const span = locate(gpg.index, gpg.index + gpg[0].length);
    const valueAt = gpg.index + gpg[0].length - gpg[1].length;
    const value = locate(valueAt, valueAt + gpg[1].length);
    if (span)
      found.push({
        ...span,
        message: `${gpg[0]} turns off signature checks for this repository. Set gpgcheck=1 with the repository's gpgkey.`,
        ...(value ? { edit: { ...value, newText: '1' }, title: 'Set gpgcheck=1' } : {}),
      });
  }
  return found;
}

/** Installing only local package files (built or vendored beside the Dockerfile) that no step downloads. */
function onlyLocalPackages(
  model: DockerModel,
  program: string,
  args: readonly ShellWord[],
  script: ShellScript,
  earlier: readonly Instruction[],
): boolean {
  const ext = program === 'apk' ? 'apk' : apt.has(program) ? 'deb' : 'rpm';
  const operands = args
    .map((w) => w.value)
    .filter((v) => !v.startsWith('-') && !/^(?:add|install|localinstall|reinstall|upgrade|in)$/.test(v));
  if (operands.length === 0 || !operands.every((v) => v.endsWith(`.${ext}`) && !v.includes('://'))) return false;
  const downloads = (s: ShellScript): boolean =>
    s.commands.some((c) => {
      const line = commandLine(c);
      return line !== undefined && (line.program === 'curl' || line.program === 'wget');
    });
  if (downloads(script)) return false;
  return !earlier.some((i) => i.getKeyword() === 'RUN' && downloads(runScript(model, i)));
}

export const unverifiedPackages: DockerRule = {
  id: 'docker/unverified-packages',
  language: 'dockerfile',
  meta: {
    title: 'Package signature checks disabled',
    summary:
      '`apt-get --allow-unauthenticated`/`--force-yes`, `[trusted=yes]`, `apk --allow-untrusted`, `rpm --nosignature`, `--nogpgcheck`, `gpgcheck=0`',
    severity: 'warning',
    guideSection: 'Container Security (beyond the guide: supply chain)',
    checklistItem: 'dependencies-updated',
    description:
      'A build step installs packages with signature checks turned off: apt-get --allow-unauthenticated or --force-yes, a [trusted=yes] repository, apk --allow-untrusted, rpm --nosignature, yum/dnf --nogpgcheck, gpgcheck=0. Signatures are what proves a package comes from its distribution; without them a compromised mirror, a proxy or anyone on the network path can serve other packages, which run as root in the build and ship in the image.',
    remedy: "Remove the flag and install the repository's signing key (signed-by=, /etc/apk/keys, rpm --import).",
    hasSuggestions: true,
  },
  create(context) {
    const { model } = context;
    const report = (finding: Finding): void => {
      const fixes: DraftFix[] =
        finding.edit && finding.title ? [{ title: finding.title, kind: 'suggestion', edits: [finding.edit] }] : [];
      context.report({ start: finding.start, end: finding.end, message: finding.message, fixes });
    };
    return {
      RUN(instruction, stage: Stage) {
        const script = runScript(model, instruction);
        // Only for a RUN with an option to judge: slicing the stage for every RUN was quadratic.
        const earlier = (): Instruction[] => stage.instructions.slice(0, stage.instructions.indexOf(instruction));
        for (const command of script.commands) {
          const line = commandLine(command);
          if (!line) continue;
          const { program, args } = line;
          const options = optionFindings(model, program, args);
          if (options.length > 0 && !onlyLocalPackages(model, program, args, script, earlier()))
            options.forEach(report);
          const words = [...command.assignments, ...command.words];
          words.forEach((word, index) => {
            // Option values already judged above (`-o APT::…=true`) are not reported again.
            if (options.some((f) => f.start <= word.start && word.end <= f.end)) return;
            const afterDeb = /^deb(?:-src)?$/.test(words[index - 1]?.value ?? '');
            for (const part of written(program, word))
              for (const finding of settingFindings(
                part.text,
                (from, to) => contiguous(word, part.at + from, part.at + to),
                afterDeb,
                words[index + 1]?.value ?? '',
              )) {
                // sed's replacement edited in place would only make the sed a no-op.
                if (program === 'sed') delete finding.edit;
                // A whole word goes with the blank before it: `deb [trusted=yes] http…`.
                else if (finding.edit && finding.edit.start === word.start && finding.edit.end === word.end)
                  finding.edit = removeWordsEdit(model, [word]);
                report(finding);
              }
          });
        }
        for (const doc of script.heredocs)
          for (const finding of settingFindings(doc.text, (from, to) => ({
            start: doc.start + from,
            end: doc.start + to,
          })))
            report(finding);
      },
    };
  },
};
