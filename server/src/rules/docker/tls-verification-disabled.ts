// Certificate checks turned off in an image build: a download fetched that way can be swapped by
// anyone on the network path, and a setting that persists (ENV, a tool's config file) turns them
// off for the running container too.
import { PropertyInstruction, type Instruction, type Property } from 'dockerfile-ast';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import { removeInstruction } from '../../languages/dockerfile/edits';
import type { DockerModel, Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';
import {
  baseName,
  commandLine,
  removeCommandEdit,
  removeWordsEdit,
  runScript,
  spanOfValue,
  stagesInFinalImage,
  type ShellCommand,
  type ShellWord,
} from '../../languages/dockerfile/shell';

interface TlsVariable {
  disables: (value: string) => boolean;
  /** What the setting does, completing "NAME=value …". */
  effect: string;
  /** What to use instead. */
  instead: string;
}

const falsy = (v: string): boolean => /^(?:false|0|no|off)$/i.test(v);

/** Environment variables that turn certificate checks off, by name (npm's are case-insensitive). */
function tlsVariable(name: string): TlsVariable | undefined {
  switch (name) {
    case 'NODE_TLS_REJECT_UNAUTHORIZED':
      return {
        disables: (v) => v === '0',
        effect: 'makes Node.js accept any certificate',
        instead: 'for a private CA, set NODE_EXTRA_CA_CERTS',
      };
    case 'PYTHONHTTPSVERIFY':
      return {
        disables: (v) => v === '0',
        effect: "turns off Python's HTTPS certificate checks",
        instead: 'for a private CA, set SSL_CERT_FILE',
      };
    case 'GIT_SSL_NO_VERIFY':
      // git tests only whether the variable is set: `0` and `false` turn checks off too.
      return {
        disables: () => true,
        effect: 'turns off git\u2019s certificate checks (git ignores the value: setting it is enough)',
        instead: 'for a private CA, set GIT_SSL_CAINFO',
      };
    case 'PIP_TRUSTED_HOST':
      return {
        disables: (v) => v !== '',
        effect: 'makes pip skip certificate checks for these hosts',
        instead: 'for a private CA, set PIP_CERT',
      };
    case 'UV_INSECURE_HOST':
      return {
        disables: (v) => v !== '',
        effect: 'makes uv skip certificate checks for these hosts',
        instead: 'for a private CA, set SSL_CERT_FILE',
      };
    case 'YARN_ENABLE_STRICT_SSL':
      return {
        disables: falsy,
        effect: 'makes yarn accept any registry certificate',
        instead: 'for a private CA, set YARN_CA_FILE_PATH',
      };
  }
  if (name.toLowerCase() === 'npm_config_strict_ssl')
    return {
      disables: falsy,
      effect: 'makes npm accept any registry certificate',
      instead: 'for a private CA, set npm_config_cafile',
    };
  return undefined;
}

/** curl's short options that take a value: in `-fsSLo file` everything after `o` is its value. */
const curlShortWithValue = new Set('ABbCcDdEeFHhKmoPQrTtUuwxXYyz'.split(''));
const curlLongWithValue = new Set([
  '--output',
  '--header',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--user',
  '--request',
  '--url',
  '--user-agent',
  '--referer',
  '--proxy',
  '--form',
  '--write-out',
  '--max-time',
  '--connect-timeout',
  '--retry',
  '--cacert',
  '--cert',
  '--key',
  '--config',
  '--upload-file',
  '--cookie',
  '--cookie-jar',
  '--range',
  '--resolve',
  '--output-dir',
]);

const aptVerifyOff =
  /Acquire::https::(?:[^\s:=]+::)?Verify-(?:Peer|Host)(?:\s+(?:=\s*)?|=\s*)"?(?:false|0|no|off)\b"?;?/i;
const yumVerifyOff = /(?<![\w-])sslverify\s*=\s*(?:0|false|no|off)\b/i;
const wgetrcOff = /(?:^|\n)[^\S\n]*check_certificate\s*=\s*off\b/i;
const curlrcInsecure = /(?:^|\n)[^\S\n]*(?:-k|--insecure|insecure)[^\S\n]*(?:$|\n)/;

interface Finding {
  start: number;
  end: number;
  message: string;
  /** Survives the build: ENV, a config file in the image. */
  persistent: boolean;
  fix?: DraftFix;
}

function removal(title: string, edit: OffsetEdit): DraftFix {
  return { title, kind: 'suggestion', edits: [edit] };
}

/** The `sed s/…/…/` replacement parts of a word, or the word itself for any other command. */
function writtenText(program: string, word: ShellWord): string {
  if (program !== 'sed') return word.value;
  const parts: string[] = [];
  const substitution = /(?:^|;|\s)s(.)((?:(?!\1)[^\\]|\\.)*)\1((?:(?!\1)[^\\]|\\.)*)\1/g;
  for (const m of word.value.matchAll(substitution)) parts.push(m[3]);
  return parts.join('\n');
}

function curlFindings(model: DockerModel, args: readonly ShellWord[], fixable: boolean): Finding[] {
  const found: Finding[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const v = word.value;
    if (v === '--') break;
    if (v === '--insecure' || v === '-k') {
      found.push({
        start: word.start,
        end: word.end,
        message: `curl ${v} turns off certificate checks for this download: anyone on the network path can replace what it fetches. Remove it (for a private CA, pass --cacert).`,
        persistent: false,
        fix: fixable ? removal(`Remove ${v}`, removeWordsEdit(model, [word])) : undefined,
      });
      continue;
    }
    if (v.startsWith('--')) {
      if (curlLongWithValue.has(v)) i++;
      continue;
    }
    if (!v.startsWith('-') || v.length < 2) continue;
    // Combined short options: `-fsSLk`; a value-taking option ends the group.
    for (let k = 1; k < v.length; k++) {
      const option = v[k];
      if (option === 'k') {
        const at = word.offsets[k];
        const mappable = !word.quoted && word.expansions.length === 0 && model.text[at] === 'k';
        found.push({
          start: word.start,
          end: word.end,
          message: `curl ${v} includes -k, which turns off certificate checks for this download: anyone on the network path can replace what it fetches. Remove the k (for a private CA, pass --cacert).`,
          persistent: false,
          fix: fixable && mappable ? removal('Remove -k', { start: at, end: at + 1, newText: '' }) : undefined,
        });
        break;
      }
      if (curlShortWithValue.has(option)) {
        if (k === v.length - 1) i++;
        break;
      }
      if (!/[A-Za-z0-9#:]/.test(option)) break;
    }
  }
  return found;
}

/** `git [-c k=v] config [--global|--system|--file f] key value` and `git -c http.sslVerify=false …`. */
function gitFindings(model: DockerModel, args: readonly ShellWord[], fixable: boolean): Finding[] {
  const found: Finding[] = [];
  const sslVerify = /^http\.(?:.+\.)?sslverify$/i;
  let i = 0;
  while (i < args.length && args[i].value.startsWith('-')) {
    const option = args[i].value;
    if (option === '-c' && i + 1 < args.length) {
      const setting = args[i + 1];
      const eq = setting.value.indexOf('=');
      if (eq > 0 && sslVerify.test(setting.value.slice(0, eq)) && falsy(setting.value.slice(eq + 1)))
        found.push({
          start: args[i].start,
          end: setting.end,
          message: `git -c ${setting.value} turns off certificate checks for this command. Remove it (for a private CA, set http.sslCAInfo).`,
          persistent: false,
          fix: fixable ? removal('Remove the override', removeWordsEdit(model, [args[i], setting])) : undefined,
        });
      i += 2;
      continue;
    }
    i += ['-C', '--git-dir', '--work-tree', '--namespace'].includes(option) ? 2 : 1;
  }
  if (args[i]?.value !== 'config') return found;
  i++;
  if (args[i]?.value === 'set') i++;
  const rest: ShellWord[] = [];
  for (; i < args.length; i++) {
    const v = args[i].value;
    if (v === '-f' || v === '--file' || v === '--blob' || v === '--type') i++;
    else if (!v.startsWith('-')) rest.push(args[i]);
  }
  const [key, value] = rest;
  if (key && value && sslVerify.test(key.value) && falsy(value.value))
    found.push({
      start: key.start,
      end: value.end,
      message: `git config ${key.value} ${value.value} turns off certificate checks for every git command in the image. Remove it (for a private CA, set http.sslCAInfo).`,
      persistent: true,
      fix:
        fixable && !value.quoted
          ? removal('Turn verification back on', { start: value.start, end: value.end, newText: 'true' })
          : undefined,
    });
  return found;
}

/** `npm config set strict-ssl false`, `npm set strict-ssl=false`, `npm ci --strict-ssl=false`, `--no-strict-ssl`. */
function npmFindings(model: DockerModel, program: string, args: readonly ShellWord[], fixable: boolean): Finding[] {
  const found: Finding[] = [];
  const setAt = args[0]?.value === 'config' && args[1]?.value === 'set' ? 2 : args[0]?.value === 'set' ? 1 : -1;
  if (setAt >= 0) {
    const operands = args.slice(setAt).filter((w) => !w.value.startsWith('-'));
    const [key, value] = operands;
    const keyName = key?.value.split('=')[0];
    const strictSsl = keyName === 'strict-ssl' || (program === 'yarn' && keyName === 'enableStrictSsl');
    if (key && strictSsl) {
      const inline = key.value.includes('=');
      const setting = inline ? key.value.slice(key.value.indexOf('=') + 1) : value?.value;
      if (setting !== undefined && falsy(setting)) {
        const end = inline ? key : value!;
        found.push({
          start: key.start,
          end: end.end,
          message: `${program} config set ${keyName} false makes ${program} accept any registry certificate, for every install in the image. Remove it (for a private CA, set cafile).`,
          persistent: true,
          fix:
            fixable && !end.quoted
              ? removal('Turn verification back on', {
                  start: inline ? end.start + key.value.indexOf('=') + 1 : end.start,
                  end: end.end,
                  newText: 'true',
                })
              : undefined,
        });
      }
    }
    return found;
  }
  if (program === 'yarn') return found;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    const words =
      v === '--no-strict-ssl' || v === '--strict-ssl=false'
        ? [args[i]]
        : v === '--strict-ssl' && args[i + 1] && falsy(args[i + 1].value)
          ? [args[i], args[i + 1]]
          : undefined;
    if (!words) continue;
    found.push({
      start: words[0].start,
      end: words[words.length - 1].end,
      message: `${words.map((w) => w.value).join(' ')} makes ${program} accept any registry certificate for this install. Remove it (for a private CA, pass --cafile).`,
      persistent: false,
      fix: fixable ? removal('Remove the override', removeWordsEdit(model, words)) : undefined,
    });
  }
  return found;
}

/** `pip install --trusted-host h`, `pip config set global.trusted-host h`, `uv pip install --allow-insecure-host h`. */
function pipFindings(model: DockerModel, tool: string, args: readonly ShellWord[], fixable: boolean): Finding[] {
  const found: Finding[] = [];
  if (args[0]?.value === 'config' && args[1]?.value === 'set') {
    const [key, value] = args.slice(2).filter((w) => !w.value.startsWith('-'));
    if (key && value && /(?:^|\.)trusted-host$/.test(key.value))
      found.push({
        start: key.start,
        end: value.end,
        message: `pip config set ${key.value} makes pip skip certificate checks for ${value.value}, for every install in the image. Remove it (for a private CA, set global.cert).`,
        persistent: true,
      });
    return found;
  }
  const option = tool === 'uv' ? '--allow-insecure-host' : '--trusted-host';
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    const words = v === option && args[i + 1] ? [args[i], args[i + 1]] : v.startsWith(option + '=') ? [args[i]] : [];
    if (words.length === 0) continue;
    const host = words.length === 2 ? words[1].value : v.slice(option.length + 1);
    found.push({
      start: words[0].start,
      end: words[words.length - 1].end,
      message: `${tool} ${option} ${host} installs from ${host} without certificate checks: anyone on the network path can serve other packages. Remove it (for a private CA, pass --cert).`,
      persistent: false,
      fix: fixable ? removal(`Remove ${option}`, removeWordsEdit(model, words)) : undefined,
    });
  }
  return found;
}

function assignmentFinding(
  model: DockerModel,
  word: ShellWord,
  removable: boolean,
  persistent: boolean,
): Finding | undefined {
  const eq = word.value.indexOf('=');
  const name = word.value.slice(0, eq);
  const value = word.value.slice(eq + 1);
  const variable = tlsVariable(name);
  if (!variable || !variable.disables(value)) return undefined;
  return {
    start: word.start,
    end: word.end,
    message: `${name}=${value} ${variable.effect}${persistent ? '' : ' during this step'}. Remove it (${variable.instead}).`,
    persistent,
    fix: removable ? removal(`Remove ${name}`, removeWordsEdit(model, [word])) : undefined,
  };
}

function commandFindings(model: DockerModel, command: ShellCommand, exec: boolean): Finding[] {
  const found: Finding[] = [];
  const fixable = !exec;
  for (const word of command.assignments) {
    const f = assignmentFinding(model, word, fixable && command.words.length > 0, false);
    if (f) found.push(f);
  }
  const line = commandLine(command);
  if (!line) return found;
  const { program, args } = line;
  if (program === 'export' || program === 'declare' || program === 'typeset') {
    for (const word of args) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.value)) continue;
      const f = assignmentFinding(model, word, false, false);
      if (!f) continue;
      // `export X=0 && …` goes as a whole; beside other names only the one word goes.
      const edit = fixable
        ? args.length === 1
          ? removeCommandEdit(model, command)
          : removeWordsEdit(model, [word])
        : undefined;
      if (edit) f.fix = removal(`Remove ${word.value.slice(0, word.value.indexOf('='))}`, edit);
      found.push(f);
    }
  } else if (program === 'curl') found.push(...curlFindings(model, args, fixable));
  else if (program === 'wget') {
    for (const word of args) {
      if (word.value === '--') break;
      if (word.value === '--no-check-certificate')
        found.push({
          start: word.start,
          end: word.end,
          message:
            'wget --no-check-certificate turns off certificate checks for this download: anyone on the network path can replace what it fetches. Remove it (for a private CA, pass --ca-certificate).',
          persistent: false,
          fix: fixable ? removal('Remove --no-check-certificate', removeWordsEdit(model, [word])) : undefined,
        });
    }
  } else if (program === 'git') found.push(...gitFindings(model, args, fixable));
  else if (program === 'npm' || program === 'pnpm' || program === 'yarn')
    found.push(...npmFindings(model, program, args, fixable));
  else if (/^pip(?:\d+(?:\.\d+)?)?$/.test(program)) found.push(...pipFindings(model, 'pip', args, fixable));
  else if (/^python(?:\d+(?:\.\d+)?)?$/.test(program) && args[0]?.value === '-m' && /^pip/.test(args[1]?.value ?? ''))
    found.push(...pipFindings(model, 'pip', args.slice(2), fixable));
  else if (program === 'uv' && args[0]?.value === 'pip')
    found.push(...pipFindings(model, 'uv', args.slice(1), fixable));
  else if (program === 'uv') found.push(...pipFindings(model, 'uv', args, fixable));
  if (program !== 'git') found.push(...writtenSettings(command, program, args));
  return found;
}

/** Settings written into files or passed as options: apt's Verify-Peer, yum's sslverify, .curlrc, wgetrc. */
function writtenSettings(command: ShellCommand, program: string, args: readonly ShellWord[]): Finding[] {
  const found: Finding[] = [];
  const targets = command.redirects.map((r) => r.target?.value ?? '');
  if (program === 'tee') targets.push(...args.filter((w) => !w.value.startsWith('-')).map((w) => w.value));
  const writesTo = (name: RegExp): boolean => targets.some((t) => name.test(baseName(t)));
  for (const word of args) {
    const text = writtenText(program, word);
    const apt = aptVerifyOff.exec(text);
    const yum = yumVerifyOff.exec(text);
    const message = apt
      ? `${apt[0]} turns off certificate checks for apt's HTTPS repositories. Remove it (for a private CA, add it to /usr/local/share/ca-certificates).`
      : yum
        ? `${yum[0]} turns off certificate checks for the package repositories. Remove it (for a private CA, set sslcacert).`
        : (program === 'echo' || program === 'printf') && writesTo(/^\.?wgetrc$/) && wgetrcOff.test(text)
          ? 'check_certificate = off in wgetrc turns off certificate checks for every wget in the image. Remove it (for a private CA, set ca_certificate).'
          : (program === 'echo' || program === 'printf') && writesTo(/^\.curlrc$/) && curlrcInsecure.test(text)
            ? 'insecure in .curlrc turns off certificate checks for every curl in the image. Remove it (for a private CA, set cacert).'
            : undefined;
    if (!message) continue;
    const persistent = !(program === 'apt-get' || program === 'apt' || program === 'yum' || program === 'dnf');
    // The setting itself when the word holds it as written (not a sed replacement).
    const match = program === 'sed' ? null : (apt ?? yum);
    const span = match ? spanOfValue(word, match.index, match.index + match[0].length) : word;
    found.push({ start: span.start, end: span.end, message, persistent });
  }
  return found;
}

function propertyRemoval(model: DockerModel, instruction: Instruction, property: Property, only: boolean): OffsetEdit {
  if (only) return removeInstruction(model, instruction);
  const span = model.spanOf(property.getRange());
  let start = span.start;
  while (start > 0 && /[ \t]/.test(model.text[start - 1])) start--;
  return { start, end: span.end, newText: '' };
}

export const dockerTlsVerificationDisabled: DockerRule = {
  id: 'docker/tls-verification-disabled',
  language: 'dockerfile',
  meta: {
    title: 'TLS certificate verification disabled',
    summary:
      '`curl -k`, `wget --no-check-certificate`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `strict-ssl false`, `pip --trusted-host` and friends',
    severity: 'error',
    guideSection: 'Network Security › Use HTTPS (beyond)',
    checklistItem: 'https',
    description:
      'A build step or an ENV turns off TLS certificate checks: curl -k, wget --no-check-certificate, pip --trusted-host, npm strict-ssl=false, git http.sslVerify=false, NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, GIT_SSL_NO_VERIFY. Anyone on the network path (a compromised proxy, a café Wi-Fi, a cloud neighbour) can then replace what the build downloads, and a setting that stays in the image (ENV, a config file) does the same to every connection the container makes, API keys included.',
    remedy:
      'Remove the override; for a private CA or a TLS-inspecting proxy, install its certificate (--cacert, NODE_EXTRA_CA_CERTS, cafile, http.sslCAInfo) instead.',
    hasSuggestions: true,
  },
  create(context) {
    const { model } = context;
    let shipped: Set<Stage> | undefined;
    const severityOf = (finding: Finding, stage: Stage): 'error' | 'warning' => {
      shipped ??= stagesInFinalImage(model);
      return finding.persistent && shipped.has(stage) ? 'error' : 'warning';
    };
    const report = (finding: Finding, stage: Stage): void =>
      context.report({
        start: finding.start,
        end: finding.end,
        message: finding.message,
        severity: severityOf(finding, stage),
        fixes: finding.fix ? [finding.fix] : [],
      });
    const variables = (instruction: Instruction, stage: Stage): void => {
      if (!(instruction instanceof PropertyInstruction)) return;
      const keyword = instruction.getKeyword();
      const properties = instruction.getProperties();
      for (const property of properties) {
        const name = property.getName();
        const raw = property.getValue();
        const variable = tlsVariable(name);
        if (!variable || raw === null) continue;
        const value = raw.replace(/^(["'])(.*)\1$/, '$2');
        if (!variable.disables(value)) continue;
        const span = model.spanOf(property.getRange());
        const persistent = keyword === 'ENV';
        shipped ??= stagesInFinalImage(model);
        const where =
          persistent && shipped.has(stage)
            ? ', in the build and in the running container'
            : ' in the build steps after it';
        report(
          {
            start: span.start,
            end: span.end,
            message: `${keyword} ${name}=${value} ${variable.effect}${where}. Remove it (${variable.instead}).`,
            persistent,
            fix: removal(`Remove ${name}`, propertyRemoval(model, instruction, property, properties.length === 1)),
          },
          stage,
        );
      }
    };
    return {
      ENV: variables,
      ARG: variables,
      RUN(instruction, stage) {
        const script = runScript(model, instruction);
        for (const command of script.commands)
          for (const finding of commandFindings(model, command, script.exec)) report(finding, stage);
        for (const doc of script.heredocs) {
          const line = commandLine(doc.command);
          const targets = doc.command.redirects.map((r) => baseName(r.target?.value ?? ''));
          const apt = aptVerifyOff.exec(doc.text);
          const yum = yumVerifyOff.exec(doc.text);
          const wget = targets.some((t) => /^\.?wgetrc$/.test(t)) ? wgetrcOff.exec(doc.text) : null;
          const match = apt ?? yum ?? wget;
          if (!line || !match) continue;
          const start = doc.start + match.index + (match[0].length - match[0].trimStart().length);
          report(
            {
              start,
              end: doc.start + match.index + match[0].length,
              message: `${match[0].trim()} in a file the build writes turns off certificate checks for ${apt ? "apt's HTTPS repositories" : yum ? 'the package repositories' : 'every wget in the image'}. Remove it.`,
              persistent: true,
            },
            stage,
          );
        }
      },
    };
  },
};
