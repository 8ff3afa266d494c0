// A RUN step's shell text as commands and words: one linear pass over the text that the model
// blanks (continuations, comment lines), so every offset still points into the file. Commands are
// split on `&&`, `||`, `;`, `|`, `&`, line breaks and parentheses; quotes are removed from words
// and the expansions that stay live (`$VAR`, `${VAR}`, `$(…)`, backticks outside single quotes)
// are kept with their positions. Commands inside `$(…)` and backticks are commands too (nested).
// A here-document is a script when the command that opens it is nothing else (`RUN <<EOF`) or a
// shell (`bash <<EOF`); otherwise it is data (`cat <<EOF > file`), kept apart as text.
import { JSONInstruction, type Instruction } from 'dockerfile-ast';
import type { DockerModel, Stage } from './model';

/** A live expansion inside a word, in indices of `value`. */
export interface ShellExpansion {
  kind: 'variable' | 'command';
  /** The variable's name (`$NPM_TOKEN`, `${NPM_TOKEN:-x}`), for kind `variable`. */
  name?: string;
  /** The command text of `$(…)` or backticks, for kind `command`. */
  text?: string;
  start: number;
  end: number;
}

export interface ShellWord {
  /** The word with quotes removed and escapes resolved; expansions stay as written. */
  value: string;
  /** File offsets of the word as written, quotes included. */
  start: number;
  end: number;
  /** File offset of each character of `value` (and of its end at index `value.length`). */
  offsets: number[];
  expansions: ShellExpansion[];
  /** Whether any part of the word was quoted or escaped (so `raw !== value`). */
  quoted: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `2>`, `&>`, `>&`, `<<`, `<<-`, `<<<` … */
  operator: string;
  target?: ShellWord;
}

export type ShellOperator = '&&' | '||' | ';' | '|' | '|&' | '&' | '\n' | '(' | ')';

export interface ShellCommand {
  /** Leading `NAME=value` words. */
  assignments: ShellWord[];
  /** The command's name and arguments, redirections left out. */
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** The operator that joins it to the command before and after (undefined at the edges). */
  before?: ShellOperator;
  after?: ShellOperator;
  /** Inside `$(…)` or backticks. */
  nested: boolean;
  start: number;
  end: number;
}

export interface HeredocData {
  /** The command that reads it (`cat <<EOF > /etc/apt/sources.list`). */
  command: ShellCommand;
  /** The body, without the delimiter line, and its file offset. */
  text: string;
  start: number;
  /** `<<'EOF'` / `<<"EOF"`: the body is not expanded. */
  literal: boolean;
}

export interface ShellScript {
  /** Every command in text order, nested ones after the command that holds them. */
  commands: ShellCommand[];
  heredocs: HeredocData[];
  /** Exec form (`RUN ["curl", "-k", …]`): one command, no shell. */
  exec: boolean;
  /** File offset where the command text starts (after RUN and its flags). */
  start: number;
}

const shells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const reserved = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '{',
  '}',
  'time',
  'esac',
]);
const redirection = /^(?:[0-9]*(?:<<<|<<-|<<|>>|>&|<&|<>|>\||>|<)|&>>|&>)/;

/** The program's base name: `/usr/bin/curl` -> `curl`. */
export function baseName(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}

const wrapperOptionsWithValue: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  env: new Set(['-u', '-C', '-S']),
  nice: new Set(['-n']),
  timeout: new Set(['-s', '-k']),
};

/**
 * The index in `words` of the program a command runs, past `sudo`, `env NAME=v`, `command`,
 * `exec`, `nohup`, `nice`, `timeout 10`, `xargs`… ; undefined when there is none.
 */
export function programIndex(command: ShellCommand): number | undefined {
  const { words } = command;
  let i = 0;
  for (let guard = 0; i < words.length && guard < 16; guard++) {
    const name = baseName(words[i].value);
    if (!['sudo', 'env', 'command', 'exec', 'nohup', 'nice', 'timeout', 'xargs', 'doas'].includes(name)) break;
    i++;
    const withValue = wrapperOptionsWithValue[name];
    while (i < words.length) {
      const w = words[i].value;
      if (w === '--') {
        i++;
        break;
      }
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
      else if (w.startsWith('-') && w.length > 1) i += withValue?.has(w) ? 2 : 1;
      else if (name === 'timeout' && /^\d/.test(w)) i++;
      else break;
    }
  }
  return i < words.length ? i : undefined;
}

/** The program's base name and its arguments. */
export function commandLine(command: ShellCommand): { program: string; args: ShellWord[] } | undefined {
  const at = programIndex(command);
  if (at === undefined) return undefined;
  return { program: baseName(command.words[at].value), args: command.words.slice(at + 1) };
}

/** Whether a word is literal text: no live expansion. */
export function isLiteral(word: ShellWord): boolean {
  return word.expansions.length === 0;
}

/** An edit that removes `words` (each with the blanks before it) from the file. */
export function removeWordsEdit(
  model: DockerModel,
  words: readonly ShellWord[],
): { start: number; end: number; newText: string } {
  const first = words[0];
  const last = words[words.length - 1];
  let start = first.start;
  while (start > 0 && (model.text[start - 1] === ' ' || model.text[start - 1] === '\t')) start--;
  return { start, end: last.end, newText: '' };
}

/**
 * An edit that removes a whole command joined by `&&` or `;` to the one after (or before) it:
 * `export X=0 && npm ci` -> `npm ci`. Undefined when it stands alone or sits in a pipeline.
 */
export function removeCommandEdit(
  model: DockerModel,
  command: ShellCommand,
): { start: number; end: number; newText: string } | undefined {
  const text = model.text;
  if (command.after === '&&' || command.after === ';') {
    let end = command.end;
    while (end < text.length && /[ \t]/.test(text[end])) end++;
    if (!text.startsWith(command.after, end)) return undefined;
    end += command.after.length;
    while (end < text.length && /[ \t]/.test(text[end])) end++;
    return { start: command.start, end, newText: '' };
  }
  if ((command.before === '&&' || command.before === ';') && command.after === undefined) {
    let start = command.start;
    while (start > 0 && /[ \t]/.test(text[start - 1])) start--;
    if (!text.slice(0, start).endsWith(command.before)) return undefined;
    start -= command.before.length;
    while (start > 0 && /[ \t]/.test(text[start - 1])) start--;
    return { start, end: command.end, newText: '' };
  }
  return undefined;
}

/** The file offsets of `value.slice(from, to)` of a word (`to` exclusive). */
export function spanOfValue(word: ShellWord, from: number, to: number): { start: number; end: number } {
  const start = word.offsets[from] ?? word.start;
  const end = to > from ? (word.offsets[to - 1] ?? word.end - 1) + 1 : start;
  return { start, end };
}

/** `--mount=type=secret,id=x,target=/p,env=X` flags of a RUN, with the path each mount appears at. */
export interface RunMount {
  type: string;
  id?: string;
  /** Where the mount appears; a secret without target or env is at /run/secrets/<id>. */
  target?: string;
  /** A secret mounted as an environment variable (BuildKit `env=`). */
  env?: string;
}

export function runMounts(instruction: Instruction): RunMount[] {
  if (!(instruction instanceof JSONInstruction)) return [];
  const mounts: RunMount[] = [];
  for (const flag of instruction.getFlags()) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const options = new Map<string, string>();
    for (const option of flag.getOptions()) options.set(option.getName().toLowerCase(), option.getValue() ?? '');
    const type = options.get('type') ?? 'bind';
    const id = options.get('id');
    let target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    const env = options.get('env');
    if (target === undefined && type === 'secret' && env === undefined && id) target = `/run/secrets/${id}`;
    const mount: RunMount = { type };
    if (id !== undefined) mount.id = id;
    if (target !== undefined) mount.target = target;
    if (env !== undefined) mount.env = env;
    mounts.push(mount);
  }
  return mounts;
}

/** The final stage and the stages it is built on (`FROM builder`): what ends up in the image. */
export function stagesInFinalImage(model: DockerModel): Set<Stage> {
  const stages = new Set<Stage>();
  for (let s = model.finalStage; s && !stages.has(s); s = s.baseStage) stages.add(s);
  return stages;
}

const scripts = new WeakMap<Instruction, ShellScript>();

/** The RUN instruction's commands (parsed once per instruction, shared by every rule). */
export function runScript(model: DockerModel, instruction: Instruction): ShellScript {
  const cached = scripts.get(instruction);
  if (cached) return cached;
  const script = parseRun(model, instruction);
  scripts.set(instruction, script);
  return script;
}

function parseRun(model: DockerModel, instruction: Instruction): ShellScript {
  const args = instruction.getArguments();
  const { text, start: base } = model.shellText(instruction);
  const first = args[0];
  const start = first ? model.spanOf(first.getRange()).start : base + text.length;
  if (instruction instanceof JSONInstruction && instruction.getOpeningBracket()) {
    const strings = instruction.getJSONStrings();
    const words: ShellWord[] = strings.map((s) => {
      const span = model.spanOf(s.getRange());
      const value = s.getJSONValue();
      const offsets = Array.from({ length: value.length + 1 }, (_, i) => Math.min(span.start + 1 + i, span.end));
      return { value, start: span.start, end: span.end, offsets, expansions: [], quoted: true };
    });
    const command: ShellCommand = {
      assignments: [],
      words,
      redirects: [],
      nested: false,
      start: words[0]?.start ?? start,
      end: words[words.length - 1]?.end ?? start,
    };
    return { commands: words.length > 0 ? [command] : [], heredocs: [], exec: true, start };
  }
  const parser = new Parser(text, base);
  parser.parse(start - base, text.length, false);
  return { commands: parser.commands, heredocs: parser.heredocs, exec: false, start };
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  literal: boolean;
  command: CommandBuilder;
}

interface CommandBuilder {
  assignments: ShellWord[];
  words: ShellWord[];
  redirects: ShellRedirect[];
  before?: ShellOperator;
  start: number;
  end: number;
  emitted?: ShellCommand;
}

/** Recursive-descent over one region of the text; nested regions are parsed after their command. */
class Parser {
  readonly commands: ShellCommand[] = [];
  readonly heredocs: HeredocData[] = [];
  private depth = 0;

  constructor(
    private readonly s: string,
    private readonly base: number,
  ) {}

  parse(from: number, to: number, nested: boolean): void {
    if (this.depth > 16) return;
    this.depth++;
    const s = this.s;
    let current = this.newCommand(undefined);
    let pending: PendingHeredoc[] = [];
    // `case x in a | b) …;; esac`: the `|` of a pattern list is no pipe, and patterns are no commands.
    let openCases = 0;
    let inPattern = false;
    const nestedRegions: Array<{ from: number; to: number; owner: CommandBuilder }> = [];
    const finish = (operator: ShellOperator | undefined): void => {
      const c = current;
      if (c.words.length > 0 || c.assignments.length > 0 || c.redirects.length > 0) {
        const command: ShellCommand = {
          assignments: c.assignments,
          words: c.words,
          redirects: c.redirects,
          nested,
          start: this.base + c.start,
          end: this.base + c.end,
        };
        if (c.before) command.before = c.before;
        if (operator) command.after = operator;
        c.emitted = command;
        this.commands.push(command);
        // Every region collected so far belongs to this command: parse them and start afresh.
        for (const region of nestedRegions.splice(0)) this.parse(region.from, region.to, true);
        current = this.newCommand(operator);
      } else if (operator && operator !== '\n') {
        current.before = operator;
      }
    };
    let i = from;
    while (i < to) {
      const c = s[i];
      if (c === ' ' || c === '\t' || c === '\r') {
        i++;
        continue;
      }
      if (c === '\n') {
        // A line break inside a pipeline or a list (`a |`, `a &&`) continues it.
        const continues = current.words.length === 0 && current.assignments.length === 0 && current.before;
        if (!continues) finish('\n');
        i++;
        if (pending.length > 0) {
          i = this.heredocBodies(pending, i, to);
          pending = [];
        }
        continue;
      }
      if (c === '#') {
        while (i < to && s[i] !== '\n') i++;
        continue;
      }
      if (inPattern) {
        if (c === ')') inPattern = false;
        if (c === ')' || c === '(' || c === '|') {
          i++;
          continue;
        }
        const pattern = this.word(i, to, [], current);
        if (pattern.word.value === 'esac' && !pattern.word.quoted) {
          openCases--;
          inPattern = false;
        }
        i = pattern.next;
        continue;
      }
      const two = s.slice(i, i + 2);
      if (two === ';;' || two === ';&') {
        finish(';');
        i += s.startsWith(';;&', i) ? 3 : 2;
        if (openCases > 0) inPattern = true;
        continue;
      }
      if (two === '&&' || two === '||' || two === '|&') {
        finish(two);
        i += 2;
        continue;
      }
      if (c === '|' || c === ';' || c === '(' || c === ')' || (c === '&' && s[i + 1] !== '>')) {
        finish(c as ShellOperator);
        i++;
        continue;
      }
      const redirect = redirection.exec(s.slice(i, i + 8));
      if (redirect && (/^[<>&]/.test(redirect[0]) || current.words.length === 0 || /[\s]/.test(s[i - 1] ?? ' '))) {
        const operator = redirect[0];
        if (current.words.length === 0 && current.assignments.length === 0 && current.redirects.length === 0)
          current.start = i;
        i += operator.length;
        while (i < to && (s[i] === ' ' || s[i] === '\t')) i++;
        const target = i < to && !/[\n|;&()<>]/.test(s[i]) ? this.word(i, to, nestedRegions, current) : undefined;
        const entry: ShellRedirect = { operator: operator.replace(/^[0-9]+/, '') };
        if (target) {
          entry.target = target.word;
          i = target.next;
          current.end = i;
        } else current.end = i;
        current.redirects.push(entry);
        if (target && (entry.operator === '<<' || entry.operator === '<<-'))
          pending.push({
            delimiter: target.word.value,
            stripTabs: entry.operator === '<<-',
            literal: target.word.quoted,
            command: current,
          });
        continue;
      }
      const { word, next } = this.word(i, to, nestedRegions, current);
      i = next;
      if (current.words.length === 0 && current.assignments.length === 0 && current.redirects.length === 0)
        current.start = word.start - this.base;
      current.end = word.end - this.base;
      if (current.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(word.value) && !this.startsQuoted(word)) {
        current.assignments.push(word);
      } else if (current.words.length === 0 && !word.quoted && reserved.has(word.value)) {
        // `then curl …`: the reserved word is not the command.
        if (current.assignments.length === 0 && current.redirects.length === 0) current.start = next;
        if (word.value === 'esac' && openCases > 0) openCases--;
      } else {
        current.words.push(word);
        if (current.words.length === 3 && current.words[0].value === 'case' && word.value === 'in' && !word.quoted) {
          finish(';');
          openCases++;
          inPattern = true;
        }
      }
    }
    finish(undefined);
    this.depth--;
  }

  private startsQuoted(word: ShellWord): boolean {
    const c = this.s[word.start - this.base];
    return c === '"' || c === "'";
  }

  private newCommand(before: ShellOperator | undefined): CommandBuilder {
    const builder: CommandBuilder = { assignments: [], words: [], redirects: [], start: 0, end: 0 };
    if (before && before !== '\n') builder.before = before;
    return builder;
  }

  /** Reads the bodies of the here-documents opened on the line that ended at `i`; returns where parsing resumes. */
  private heredocBodies(pending: PendingHeredoc[], i: number, to: number): number {
    const s = this.s;
    for (const doc of pending) {
      const bodyStart = i;
      let bodyEnd = to;
      let resume = to;
      for (let line = i; line < to;) {
        let lineEnd = s.indexOf('\n', line);
        if (lineEnd < 0 || lineEnd > to) lineEnd = to;
        let content = s.slice(line, lineEnd).replace(/\r$/, '');
        if (doc.stripTabs) content = content.replace(/^\t+/, '');
        if (content === doc.delimiter) {
          bodyEnd = line;
          resume = Math.min(lineEnd + 1, to);
          break;
        }
        line = lineEnd + 1;
      }
      const command = doc.command;
      const program = command.words.length > 0 ? baseName(command.words[0].value) : undefined;
      const script = program === undefined || shells.has(program);
      if (script) this.parse(bodyStart, bodyEnd, false);
      else {
        // The command may not be finished yet (its line is), so read `emitted` lazily.
        const data: HeredocData = {
          get command(): ShellCommand {
            return command.emitted ?? emptyCommand(bodyStart);
          },
          text: s.slice(bodyStart, bodyEnd),
          start: this.base + bodyStart,
          literal: doc.literal,
        };
        this.heredocs.push(data);
      }
      i = resume;
    }
    return i;
  }

  /** One word from `i`: quotes, escapes and expansions, up to an unquoted blank or operator. */
  private word(
    i: number,
    to: number,
    nestedRegions: Array<{ from: number; to: number; owner: CommandBuilder }>,
    owner: CommandBuilder,
  ): { word: ShellWord; next: number } {
    const s = this.s;
    const start = i;
    let value = '';
    const offsets: number[] = [];
    const expansions: ShellExpansion[] = [];
    let quoted = false;
    const add = (text: string, at: number): void => {
      for (let k = 0; k < text.length; k++) offsets.push(this.base + at + k);
      value += text;
    };
    const substitution = (at: number): number => {
      // at points at `$`; returns the index after the expansion.
      const next = s[at + 1];
      if (next === '(') {
        if (s[at + 2] === '(') {
          const close = matchParen(s, at + 1, to);
          add(s.slice(at, close), at);
          return close;
        }
        const close = matchParen(s, at + 1, to);
        const innerEnd = s[close - 1] === ')' ? close - 1 : close;
        const valueStart = value.length;
        add(s.slice(at, close), at);
        expansions.push({ kind: 'command', text: s.slice(at + 2, innerEnd), start: valueStart, end: value.length });
        nestedRegions.push({ from: at + 2, to: innerEnd, owner });
        return close;
      }
      if (next === '{') {
        let close = s.indexOf('}', at + 2);
        if (close < 0 || close >= to) close = to - 1;
        const name = /^[#!]?([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(s.slice(at + 2, close))?.[1];
        const valueStart = value.length;
        add(s.slice(at, close + 1), at);
        expansions.push({ kind: 'variable', ...(name ? { name } : {}), start: valueStart, end: value.length });
        return close + 1;
      }
      const simple = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(s.slice(at + 1, at + 130));
      if (simple) {
        const valueStart = value.length;
        add(s.slice(at, at + 1 + simple[0].length), at);
        expansions.push({ kind: 'variable', name: simple[0], start: valueStart, end: value.length });
        return at + 1 + simple[0].length;
      }
      add('$', at);
      return at + 1;
    };
    const backtick = (at: number): number => {
      let close = at + 1;
      while (close < to && s[close] !== '`') close += s[close] === '\\' ? 2 : 1;
      const end = Math.min(close + 1, to);
      const valueStart = value.length;
      add(s.slice(at, end), at);
      expansions.push({
        kind: 'command',
        text: s.slice(at + 1, Math.min(close, to)),
        start: valueStart,
        end: value.length,
      });
      nestedRegions.push({ from: at + 1, to: Math.min(close, to), owner });
      return end;
    };
    while (i < to) {
      const c = s[i];
      if (
        c === ' ' ||
        c === '\t' ||
        c === '\n' ||
        c === '\r' ||
        c === ';' ||
        c === '|' ||
        c === '&' ||
        c === '(' ||
        c === ')'
      )
        break;
      if ((c === '<' || c === '>') && !(s[i + 1] === '(' && value === '')) break;
      if (c === '\\') {
        quoted = true;
        if (i + 1 < to) add(s[i + 1], i + 1);
        i += 2;
        continue;
      }
      if (c === "'") {
        quoted = true;
        let close = s.indexOf("'", i + 1);
        if (close < 0 || close >= to) close = to;
        add(s.slice(i + 1, close), i + 1);
        i = close + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        i++;
        while (i < to && s[i] !== '"') {
          const d = s[i];
          if (d === '\\' && i + 1 < to && '$`"\\\n'.includes(s[i + 1])) {
            add(s[i + 1], i + 1);
            i += 2;
          } else if (d === '$') i = substitution(i);
          else if (d === '`') i = backtick(i);
          else {
            add(d, i);
            i++;
          }
        }
        i++;
        continue;
      }
      if (c === '$') {
        i = substitution(i);
        continue;
      }
      if (c === '`') {
        i = backtick(i);
        continue;
      }
      add(c, i);
      i++;
    }
    const end = Math.min(i, to);
    offsets.push(this.base + end);
    return {
      word: {
        value,
        start: this.base + start,
        end: this.base + end,
        offsets,
        expansions,
        quoted,
      },
      next: Math.max(end, start + 1),
    };
  }
}

function emptyCommand(at: number): ShellCommand {
  return { assignments: [], words: [], redirects: [], nested: false, start: at, end: at };
}

/** From the `(` at `open`, the index after its matching `)`, skipping quotes and nested parentheses. */
function matchParen(s: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      i = close < 0 || close >= to ? to : close;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < to && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return to;
}

/** Whether `words` set pipefail: `set -o pipefail`, `set -euxo pipefail`, `bash -o pipefail -c`. */
export function setsPipefail(words: ReadonlyArray<Pick<ShellWord, 'value'>>): boolean {
  for (let i = 0; i + 1 < words.length; i++) {
    if (/^-[A-Za-z]*o$/.test(words[i].value) && words[i + 1].value === 'pipefail') return true;
  }
  return words.some((w) => w.value === '-opipefail');
}
