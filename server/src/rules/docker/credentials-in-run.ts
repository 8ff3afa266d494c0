// Credentials on a RUN command line: the command is stored in the image history (`docker
// history`) and, written literally, in the Dockerfile; a build argument's value is recorded in the
// history too. A BuildKit secret mount keeps it out of both, but a tool that saves the credential
// (`npm config set`, `aws configure set`, `docker login`, `git clone https://user:token@…`)
// still writes it into the layer unless the same RUN removes it.
import { PropertyInstruction, type Instruction } from 'dockerfile-ast';
import {
  findCredentials,
  isPlaceholder,
  isSecretLikeName,
  localDevelopmentDefault,
  looksLikeSecretValue,
  maskSecret,
} from '../../knowledge/secrets';
import type { DockerModel, Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';
import {
  baseName,
  commandLine,
  runMounts,
  runScript,
  spanOfValue,
  stagesInFinalImage,
  type RunMount,
  type ShellCommand,
  type ShellExpansion,
  type ShellScript,
  type ShellWord,
} from '../../languages/dockerfile/shell';

/** Where a credential's value comes from, as far as the layer history is concerned. */
type Source =
  | { kind: 'literal'; value: string }
  | { kind: 'build-arg'; name: string }
  /** From a secret mount, a file, a command, the environment of the step, or a placeholder. */
  | { kind: 'quiet' };

/** A credential found on a command line, before its source is judged. */
interface Candidate {
  /** "the AWS secret access key", "the password in this URL" … */
  what: string;
  text: string;
  expansions: readonly ShellExpansion[];
  start: number;
  end: number;
  /** A file the command saves the credential in, and how a later command of the RUN removes it. */
  saves?: { file: string; cleanup: (command: ShellCommand) => boolean };
}

/** Runs `rm` on a path that matches `path`. */
const removes =
  (path: RegExp) =>
  (command: ShellCommand): boolean => {
    const line = commandLine(command);
    return line?.program === 'rm' && line.args.some((w) => path.test(w.value));
  };
const runs =
  (program: string, ...subcommand: string[]) =>
  (command: ShellCommand): boolean => {
    const line = commandLine(command);
    return line?.program === program && subcommand.every((s, i) => line.args[i]?.value === s);
  };
const either =
  (...tests: Array<(command: ShellCommand) => boolean>) =>
  (command: ShellCommand): boolean =>
    tests.some((t) => t(command));

const npmrc = {
  file: '.npmrc',
  cleanup: either(removes(/\.npmrc$/), runs('npm', 'config', 'delete'), runs('npm', 'config', 'rm')),
};
const yarnrc = { file: '.yarnrc.yml', cleanup: removes(/\.yarnrc(?:\.yml)?$/) };
const awsCredentials = { file: '~/.aws/credentials', cleanup: removes(/(?:^|\/)\.aws(?:\/|$)/) };
const dockerConfig = {
  file: '~/.docker/config.json',
  cleanup: either(removes(/(?:^|\/)\.docker(?:\/|$)/), runs('docker', 'logout')),
};
const gcloudConfig = {
  file: '~/.config/gcloud',
  cleanup: either(removes(/(?:^|\/)(?:\.config(?:\/gcloud)?|gcloud)(?:\/|$)/), runs('gcloud', 'auth', 'revoke')),
};
const gitConfig = {
  file: '.git/config',
  cleanup: either(removes(/(?:^|\/)\.git(?:\/|$)/), runs('git', 'remote', 'set-url')),
};

function slice(word: ShellWord, from: number, to: number, what: string): Candidate {
  const span = spanOfValue(word, from, to);
  const expansions = word.expansions
    .filter((e) => e.start < to && e.end > from)
    .map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
  return { what, text: word.value.slice(from, to), expansions, ...span };
}

function whole(word: ShellWord, what: string): Candidate {
  return slice(word, 0, word.value.length, what);
}

/** An option's value: `-p v`, `-pv`, `--password v`, `--password=v`. */
function optionValue(
  args: readonly ShellWord[],
  short: string | undefined,
  long: string,
): { word: ShellWord; from: number } | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') return undefined;
    if ((v === long || v === short) && args[i + 1]) return { word: args[i + 1], from: 0 };
    if (v.startsWith(long + '=')) return { word: args[i], from: long.length + 1 };
    if (short && v.startsWith(short) && v.length > short.length && !v.startsWith('--'))
      return { word: args[i], from: short.length };
  }
  return undefined;
}

const npmAuthKey = /(?:^|:)_(?:authToken|auth|password)$|^npmAuth(?:Token|Ident)$|\.npmAuth(?:Token|Ident)$/;
/** `//registry/:_authToken=VALUE` (and `_auth`, `_password`, yarn's `npmAuthToken: VALUE`) inside a word or a file. */
const npmrcLine =
  /(?:^|[\s"'])((?:\/\/[^\s="']*:)?_(?:authToken|auth|password)\s*=\s*|npmAuth(?:Token|Ident):\s*)("?)([^\s"']+)/g;
const urlUserinfo = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/([^\s/@?#'"]+)@/g;
const netrcPassword = /(?:^|\s)password\s+(\S+)/g;
const authorizationHeader =
  /^\s*(?:authorization|private-token|x-api-key|api-key|x-auth-token)\s*:\s*(?:(?:bearer|basic|token)\s+)?(\S.*)$/i;

const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;

/**
 * The expansions in a heredoc's text: `${NAME…}`, `$NAME` and `$(…)` (to the first closing
 * brace or parenthesis). A scan rather than a regular expression: one with `[^}]*` is quadratic
 * on many unclosed `${`; here the next closing character is looked up once per position.
 */
function heredocExpansions(text: string): ShellExpansion[] {
  const found: ShellExpansion[] = [];
  // The first `}` / `)` at or after the last position asked for; text.length when there is none.
  const next = { '}': -1, ')': -1 };
  const closing = (char: '}' | ')', from: number): number => {
    if (next[char] < from) {
      const at = text.indexOf(char, from);
      next[char] = at < 0 ? text.length : at;
    }
    return next[char] < text.length ? next[char] : -1;
  };
  const nameEnd = (from: number): number => {
    let end = from;
    while (end < text.length && nameChar.test(text[end])) end++;
    return end;
  };
  for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at)) {
    const after = text[at + 1] ?? '';
    if (after === '{' && nameStart.test(text[at + 2] ?? '')) {
      const end = nameEnd(at + 2);
      const close = closing('}', end);
      if (close >= 0) {
        found.push({ kind: 'variable', name: text.slice(at + 2, end), start: at, end: close + 1 });
        at = close + 1;
        continue;
      }
    } else if (nameStart.test(after)) {
      const end = nameEnd(at + 1);
      found.push({ kind: 'variable', name: text.slice(at + 1, end), start: at, end });
      at = end;
      continue;
    } else if (after === '(') {
      const close = closing(')', at + 2);
      if (close >= 0) {
        found.push({ kind: 'command', start: at, end: close + 1 });
        at = close + 1;
        continue;
      }
    }
    at++;
  }
  return found;
}

/** Credentials inside a text: npmrc lines, URLs with user info, a .netrc password. */
function textCandidates(
  text: string,
  expansions: readonly ShellExpansion[],
  at: (from: number, to: number) => { start: number; end: number },
  options: { netrc: boolean; saves?: Candidate['saves'] },
): Candidate[] {
  const found: Candidate[] = [];
  const sub = (from: number, to: number, what: string): Candidate => ({
    what,
    text: text.slice(from, to),
    expansions: expansions
      .filter((e) => e.start < to && e.end > from)
      .map((e) => ({ ...e, start: e.start - from, end: e.end - from })),
    ...at(from, to),
  });
  for (const m of text.matchAll(npmrcLine)) {
    const from = m.index + m[0].length - m[3].length;
    const candidate = sub(from, from + m[3].length, 'the npm token');
    if (options.saves) candidate.saves = options.saves;
    found.push(candidate);
  }
  for (const m of text.matchAll(urlUserinfo)) {
    const info = m[1];
    const infoStart = m.index + m[0].length - 1 - info.length;
    const colon = info.indexOf(':');
    const url = text.slice(m.index);
    if (localDevelopmentDefault(url)) continue;
    if (colon >= 0) {
      const password = info.slice(colon + 1);
      if (password === '' || /^(?:pass(?:word)?|pwd|secret|changeme|user|username|x|foo|bar)$/i.test(password))
        continue;
      found.push(sub(infoStart + colon + 1, infoStart + info.length, 'the password in this URL'));
    } else {
      const user = sub(infoStart, infoStart + info.length, 'the token in this URL');
      // A bare user name (`git@`, `oauth2@`) is no secret; a variable or a token in its place is.
      if (user.expansions.length > 0 || findCredentials(info).length > 0) found.push(user);
    }
  }
  if (options.netrc)
    for (const m of text.matchAll(netrcPassword)) {
      const from = m.index + m[0].length - m[1].length;
      found.push(sub(from, from + m[1].length, 'the .netrc password'));
    }
  return found;
}

/** Credentials a command passes or saves, by tool. */
function commandCandidates(command: ShellCommand): Candidate[] {
  const found: Candidate[] = [];
  const line = commandLine(command);
  if (!line) return found;
  const { program, args } = line;
  const values = args.map((w) => w.value);
  const targets = command.redirects
    .filter((r) => r.operator === '>' || r.operator === '>>')
    .map((r) => r.target?.value ?? '');
  if (program === 'tee') targets.push(...values.filter((v) => !v.startsWith('-')));
  const writes = (name: RegExp): boolean => targets.some((t) => name.test(baseName(t)));

  if (program === 'aws' && values[0] === 'configure' && values[1] === 'set') {
    const operands = args
      .slice(2)
      .filter((w, i, all) => !w.value.startsWith('--') && all[i - 1]?.value !== '--profile');
    const [key, value] = operands;
    const name = /(?:^|\.)(aws_secret_access_key|aws_session_token|aws_access_key_id)$/.exec(key?.value ?? '')?.[1];
    if (key && value && name) {
      const what =
        {
          aws_secret_access_key: 'the AWS secret access key',
          aws_session_token: 'the AWS session token',
          aws_access_key_id: 'the AWS access key id',
        }[name] ?? name;
      found.push({ ...whole(value, what), saves: awsCredentials });
    }
  } else if (['docker', 'podman', 'buildah', 'nerdctl', 'skopeo'].includes(program) && values[0] === 'login') {
    const password = optionValue(args.slice(1), '-p', '--password');
    if (password)
      found.push({
        ...slice(password.word, password.from, password.word.value.length, 'the registry password'),
        saves: dockerConfig,
      });
  } else if (program === 'helm' && values[0] === 'registry' && values[1] === 'login') {
    const password = optionValue(args.slice(2), '-p', '--password');
    if (password) found.push(slice(password.word, password.from, password.word.value.length, 'the registry password'));
  } else if (
    (program === 'npm' || program === 'pnpm' || program === 'yarn') &&
    (values[0] === 'config' || values[0] === 'set')
  ) {
    const at = values[0] === 'config' ? 1 : 0;
    if (values[at] === 'set') {
      const operands = args.slice(at + 1).filter((w) => !w.value.startsWith('-'));
      const [key, value] = operands;
      const saves = program === 'yarn' && !key?.value.startsWith('//') ? yarnrc : npmrc;
      if (key && !key.value.includes('=') && value && npmAuthKey.test(key.value))
        found.push({ ...whole(value, `the ${program} token`), saves });
      else if (key && key.value.includes('=') && npmAuthKey.test(key.value.slice(0, key.value.indexOf('='))))
        found.push({ ...slice(key, key.value.indexOf('=') + 1, key.value.length, `the ${program} token`), saves });
      return found;
    }
  } else if (program === 'curl') {
    const user = optionValue(args, '-u', '--user');
    if (user) {
      const colon = user.word.value.indexOf(':', user.from);
      if (colon >= 0 && colon + 1 < user.word.value.length)
        found.push(slice(user.word, colon + 1, user.word.value.length, 'the curl password'));
    }
  }
  if (program === 'curl' || program === 'wget' || program === 'http') {
    args.forEach((word, i) => {
      const header =
        values[i - 1] === '-H' || values[i - 1] === '--header'
          ? word.value
          : word.value.startsWith('--header=')
            ? word.value.slice(9)
            : undefined;
      if (header === undefined) return;
      const m = authorizationHeader.exec(header);
      if (!m) return;
      const from = word.value.length - header.length + header.length - m[1].length;
      found.push(slice(word, from, word.value.length, 'the Authorization header'));
    });
  }
  const netrc = writes(/^\.?netrc$/);
  const saves = writes(/^\.npmrc$/) ? npmrc : writes(/^\.yarnrc(?:\.yml)?$/) ? yarnrc : undefined;
  const isGit = program === 'git';
  for (const word of [...command.assignments, ...command.words]) {
    for (const candidate of textCandidates(word.value, word.expansions, (from, to) => spanOfValue(word, from, to), {
      netrc,
      ...(saves ? { saves } : {}),
    })) {
      if (
        isGit &&
        (values[0] === 'clone' || (values[0] === 'remote' && values[1] === 'add')) &&
        candidate.what.endsWith('URL')
      )
        candidate.saves = gitConfig;
      if (isGit && values[0] === 'config' && candidate.what.endsWith('URL'))
        candidate.saves = { file: '~/.gitconfig', cleanup: removes(/\.gitconfig$/) };
      found.push(candidate);
    }
  }
  // `export NPM_TOKEN=npm_…`, `GITHUB_TOKEN=ghp_… make`: a literal secret assigned on the command line.
  const assignments =
    program === 'export' || program === 'declare' ? [...command.assignments, ...args] : command.assignments;
  for (const word of assignments) {
    const eq = word.value.indexOf('=');
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(word.value.slice(0, eq))) continue;
    const value = word.value.slice(eq + 1);
    if (word.expansions.length > 0 || found.some((c) => c.start >= word.start && c.end <= word.end)) continue;
    if (findCredentials(value).length > 0 || (isSecretLikeName(word.value.slice(0, eq)) && looksLikeSecretValue(value)))
      found.push(slice(word, eq + 1, word.value.length, `the value of ${word.value.slice(0, eq)}`));
  }
  return found;
}

/**
 * Where a RUN first gives each name a value (assignments, `export`, `read`, by command index), and
 * the secret mounts' env= names (set from the start): "set before command i" is one look-up.
 */
function namesSetIn(script: ShellScript, mounts: readonly RunMount[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const m of mounts) if (m.type === 'secret' && m.env) first.set(m.env, -1);
  script.commands.forEach((c, index) => {
    const add = (name: string): void => {
      if (!first.has(name)) first.set(name, index);
    };
    for (const a of c.assignments) add(a.value.split('=')[0]);
    const line = commandLine(c);
    if (line && ['export', 'declare', 'read', 'local', 'typeset'].includes(line.program))
      for (const w of line.args) if (/^[A-Za-z_][A-Za-z0-9_]*(?:=|$)/.test(w.value)) add(w.value.split('=')[0]);
  });
  return first;
}

/** Commands that may remove a saved credential (rm, npm config delete, docker logout, …), with their index. */
function cleanupCandidates(script: ShellScript): Array<{ index: number; command: ShellCommand }> {
  const programs = new Set(['rm', 'npm', 'docker', 'gcloud', 'git']);
  return script.commands
    .map((command, index) => ({ index, command }))
    .filter(({ command }) => programs.has(commandLine(command)?.program ?? ''));
}

/** Whether `name` is a build argument at `instruction`: declared by ARG in its stage without a default, not replaced by ENV. */
function isBuildArg(model: DockerModel, stage: Stage, instruction: Instruction, name: string): boolean {
  let declared: 'arg' | 'other' | undefined;
  for (const i of stage.instructions) {
    if (i === instruction) break;
    const keyword = i.getKeyword();
    if ((keyword !== 'ARG' && keyword !== 'ENV') || !(i instanceof PropertyInstruction)) continue;
    for (const p of i.getProperties()) {
      if (p.getName() !== name) continue;
      const value = p.getValue();
      const global = model.globalArgs.get(name);
      declared = keyword === 'ARG' && (value === null || value === '') && !global ? 'arg' : 'other';
    }
  }
  return declared === 'arg';
}

function sourceOf(candidate: Candidate, buildArg: (name: string) => boolean): Source {
  if (candidate.text === '') return { kind: 'quiet' };
  if (candidate.expansions.some((e) => e.kind === 'command')) return { kind: 'quiet' };
  const variables = candidate.expansions.filter((e) => e.kind === 'variable');
  if (variables.length > 0) {
    const arg = variables.find((e) => e.name !== undefined && buildArg(e.name));
    return arg?.name ? { kind: 'build-arg', name: arg.name } : { kind: 'quiet' };
  }
  const value = candidate.text.replace(/^["']|["']$/g, '');
  if (isPlaceholder(value) || /^\$|^%|^\{\{/.test(value)) return { kind: 'quiet' };
  return { kind: 'literal', value };
}

/** Whether a key file path is where this RUN mounts a secret or a bind (so not in a layer). */
function mounted(path: string, mounts: readonly RunMount[]): boolean {
  return (
    path.startsWith('/run/secrets/') ||
    mounts.some((m) => m.target !== undefined && (m.target === path || path.startsWith(m.target.replace(/\/?$/, '/'))))
  );
}

function copiedAt(model: DockerModel, stage: Stage, path: string): number | undefined {
  const name = baseName(path);
  for (let s: Stage | undefined = stage; s; s = s.baseStage)
    for (const i of s.instructions) {
      const keyword = i.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const args = i.getArguments().map((a) => a.getValue());
      const destination = args[args.length - 1] ?? '';
      if (destination === path || model.copySources(i).some((src) => baseName(src.value) === name))
        return i.getRange().start.line + 1;
    }
  return undefined;
}

export const credentialsInRun: DockerRule = {
  id: 'docker/credentials-in-run',
  language: 'dockerfile',
  meta: {
    title: 'Credentials on a RUN command line',
    summary:
      '`aws configure set aws_secret_access_key …`, `docker login -p`, `npm config set //…:_authToken`, `https://user:token@…`, a baked-in service-account key',
    severity: 'error',
    guideSection: 'Protecting Sensitive Information › Never hardcode secrets',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'A RUN step passes a credential on its command line (aws configure set, docker login -p, npm config set …:_authToken, an .npmrc line, a URL with user:token@, curl -u, an Authorization header) or activates a service-account key file that was copied into the image. RUN command lines are stored in the image history, which anyone who can pull the image can read with docker history; a literal value also sits in the Dockerfile, and a build argument\u2019s value is recorded beside the command. Tools that save the credential (.npmrc, ~/.aws/credentials, ~/.docker/config.json, .git/config) also leave it in the layer.',
    remedy:
      'Mount the secret with RUN --mount=type=secret,id=NAME (read /run/secrets/NAME or use env=NAME), and remove any file a tool saves it in within the same RUN.',
  },
  create(context) {
    const { model } = context;
    let shipped: Set<Stage> | undefined;
    return {
      RUN(instruction, stage) {
        shipped ??= stagesInFinalImage(model);
        const inImage = shipped.has(stage);
        const script = runScript(model, instruction);
        const mounts = runMounts(instruction);
        const reported = new Set<number>();
        const positions = new Map(script.commands.map((c, i) => [c, i] as const));
        const setAt = namesSetIn(script, mounts);
        const cleanups = cleanupCandidates(script);
        const cleanedAfter = (command: ShellCommand, cleanup: (c: ShellCommand) => boolean): boolean => {
          const at = positions.get(command) ?? -1;
          return cleanups.some((c) => c.index > at && cleanup(c.command));
        };
        const buildArgs = new Map<string, boolean>();
        const isArg = (name: string): boolean => {
          let known = buildArgs.get(name);
          if (known === undefined) buildArgs.set(name, (known = isBuildArg(model, stage, instruction, name)));
          return known;
        };
        const report = (start: number, end: number, message: string, severity: 'error' | 'warning' | 'info'): void => {
          if (reported.has(start)) return;
          reported.add(start);
          context.report({ start, end, message, severity });
        };
        const judge = (candidate: Candidate, command: ShellCommand): void => {
          const at = positions.get(command) ?? script.commands.length;
          const setBefore = (name: string): boolean => (setAt.get(name) ?? Infinity) < at;
          const source = sourceOf(candidate, (name) => !setBefore(name) && isArg(name));
          if (source.kind === 'literal') {
            report(
              candidate.start,
              candidate.end,
              `${capitalize(candidate.what)} ('${maskSecret(source.value)}') is written in this RUN: it stays in the Dockerfile and in the image history. Mount it as a BuildKit secret (RUN --mount=type=secret,id=…) instead.`,
              'error',
            );
            return;
          }
          if (source.kind === 'build-arg') {
            const id = source.name.toLowerCase();
            report(
              candidate.start,
              candidate.end,
              inImage
                ? `${capitalize(candidate.what)} comes from build argument ${source.name}, whose value is recorded in the image history (docker history). Pass it as a secret: RUN --mount=type=secret,id=${id},env=${source.name} …`
                : `${capitalize(candidate.what)} comes from build argument ${source.name}, recorded in this build stage's history (kept in the build cache, not in the final image). Prefer RUN --mount=type=secret,id=${id},env=${source.name} …`,
              inImage ? 'warning' : 'info',
            );
            return;
          }
          // From a secret: quiet on the command line, but a saved copy ships with the layer.
          const fromSecret =
            candidate.expansions.length > 0 &&
            (mounts.some((m) => m.type === 'secret') ||
              candidate.expansions.some((e) => e.kind === 'command' && /\/run\/secrets\//.test(e.text ?? '')));
          if (!candidate.saves || !inImage || !fromSecret) return;
          if (cleanedAfter(command, candidate.saves.cleanup)) return;
          report(
            candidate.start,
            candidate.end,
            `${capitalize(candidate.what)} is read from a secret, but this command saves it in ${candidate.saves.file}, which stays in the image layer. Remove that file in the same RUN.`,
            'warning',
          );
        };
        for (const command of script.commands) {
          for (const candidate of commandCandidates(command)) judge(candidate, command);
          const line = commandLine(command);
          if (line?.program === 'gcloud' && line.args.some((w) => w.value === 'auth')) {
            const keyFile =
              optionValue(line.args, undefined, '--key-file') ?? optionValue(line.args, undefined, '--cred-file');
            if (!keyFile) continue;
            const word = keyFile.word;
            const path = word.value.slice(keyFile.from);
            const span = spanOfValue(word, keyFile.from, word.value.length);
            if (word.expansions.length > 0 || path === '') continue;
            const writtenHere = script.commands.some((c) => c.redirects.some((r) => r.target?.value === path));
            if (writtenHere) continue;
            if (mounted(path, mounts)) {
              if (!inImage) continue;
              if (cleanedAfter(command, gcloudConfig.cleanup)) continue;
              report(
                span.start,
                span.end,
                `The service-account key is mounted as a secret, but gcloud saves the credential in ${gcloudConfig.file}, which stays in the image layer. Remove it in the same RUN (gcloud auth revoke, or rm -rf ~/.config/gcloud).`,
                'warning',
              );
              continue;
            }
            const copied = copiedAt(model, stage, path);
            report(
              span.start,
              span.end,
              inImage
                ? `The service-account key ${path} is a file in the image${copied ? ` (copied at line ${copied})` : ''}: anyone who pulls the image can read it, even if a later step deletes it. Mount it with RUN --mount=type=secret,id=gcp-key,target=${path} instead.`
                : `The service-account key ${path} is a file in this build stage${copied ? ` (copied at line ${copied})` : ''}, kept in the build cache. Mount it with RUN --mount=type=secret,id=gcp-key,target=${path} instead.`,
              inImage ? 'error' : 'info',
            );
          }
        }
        for (const doc of script.heredocs) {
          const targets = doc.command.redirects.map((r) => baseName(r.target?.value ?? ''));
          const line = commandLine(doc.command);
          if (line?.program === 'tee') targets.push(...line.args.map((w) => baseName(w.value)));
          const expansions: ShellExpansion[] = doc.literal ? [] : heredocExpansions(doc.text);
          const saves = targets.some((t) => t === '.npmrc')
            ? npmrc
            : targets.some((t) => /^\.yarnrc/.test(t))
              ? yarnrc
              : undefined;
          for (const candidate of textCandidates(
            doc.text,
            expansions,
            (from, to) => ({ start: doc.start + from, end: doc.start + to }),
            {
              netrc: targets.some((t) => /^\.?netrc$/.test(t)),
              ...(saves ? { saves } : {}),
            },
          ))
            judge(candidate, doc.command);
        }
      },
    };
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
