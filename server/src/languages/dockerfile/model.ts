// A Dockerfile as rules see it: build stages with their base images (ARG substitution, registry,
// tag, digest, stage references), instructions with offsets, USER per stage, RUN shell text
// with line continuations blanked so offsets still point into the file, and the paths of a
// stage's file system (WORKDIR, ENV and ARG in scope, COPY destinations, --from references).
import {
  DockerfileParser,
  JSONInstruction,
  ModifiableInstruction,
  PropertyInstruction,
  type Argument,
  type Dockerfile,
  type Flag,
  type From,
  type Instruction,
  type JSONArgument,
} from 'dockerfile-ast';
import { LineIndex } from '../../core/text';

export interface Span {
  start: number;
  end: number;
}

export interface ImageReference {
  /** The image as written in FROM (may contain ${ARG}s). */
  written: string;
  /** After substituting global ARG defaults; undefined when an ARG has no default. */
  resolved?: string;
  registry?: string;
  /** Repository path without registry: `node`, `library/node`, `bitnami/redis`. */
  name?: string;
  tag?: string;
  digest?: string;
  span: Span;
}

export interface Stage {
  index: number;
  from: From;
  fromSpan: Span;
  alias?: string;
  /** The base image, unless the stage builds on an earlier stage or `scratch`. */
  image?: ImageReference;
  /** The earlier stage this one builds on (`FROM builder`). */
  baseStage?: Stage;
  isScratch: boolean;
  /** Instructions after FROM up to the next FROM. */
  instructions: Instruction[];
}

/** What an ENV or ARG instruction sets, applied to `variables` (other instructions set nothing). */
function assign(i: Instruction, variables: Map<string, string | undefined>): void {
  const keyword = i.getKeyword();
  if ((keyword !== 'ENV' && keyword !== 'ARG') || !(i instanceof PropertyInstruction)) return;
  for (const property of i.getProperties()) {
    const name = property.getName();
    const raw = property.getValue();
    // `ARG NAME` without a default takes the global default, if any (or a build argument).
    if (raw === null) {
      if (keyword === 'ARG' && !variables.has(name)) variables.set(name, undefined);
      continue;
    }
    variables.set(name, substitute(raw.replace(/^(["'])(.*)\1$/, '$2'), variables));
  }
}

export class DockerModel {
  readonly dockerfile: Dockerfile;
  readonly stages: Stage[] = [];
  readonly escapeChar: string;
  /** The ARGs before the first FROM with their defaults as written. */
  readonly globalArgs = new Map<string, string | undefined>();
  /**
   * The same ARGs with the earlier ones substituted into later defaults, as BuildKit expands them
   * (`ARG BASE=$REGISTRY/app` after `ARG REGISTRY=quay.io`); undefined when a default refers to
   * a variable without a known value.
   */
  private readonly globalValues = new Map<string, string | undefined>();
  /** Stages by alias, for `FROM <alias>` look-ups in constant time. */
  private readonly stagesByAlias = new Map<string, Stage>();
  /** Each stage's working directory before each of its instructions, computed once. */
  private readonly workdirs = new Map<
    Stage,
    { before: Map<Instruction, string[] | undefined>; end: string[] | undefined }
  >();

  constructor(
    readonly text: string,
    readonly path: string,
    readonly lines: LineIndex,
  ) {
    this.dockerfile = DockerfileParser.parse(text);
    this.escapeChar = this.dockerfile.getEscapeCharacter();
    for (const arg of this.dockerfile.getInitialARGs()) {
      for (const property of arg.getProperties()) {
        const name = property.getName();
        const value = property.getValue() ?? undefined;
        this.globalArgs.set(name, value);
        if (value !== undefined) this.globalValues.set(name, substitute(value, this.globalValues));
        else if (!this.globalValues.has(name)) this.globalValues.set(name, undefined);
      }
    }
    const instructions = this.dockerfile.getInstructions();
    let current: Stage | undefined;
    for (const instruction of instructions) {
      if (instruction.getKeyword() === 'FROM') {
        current = this.createStage(instruction as From);
        this.stages.push(current);
        // Registered after creation, so `FROM x AS x` refers to an image, not to itself.
        if (current.alias !== undefined && !this.stagesByAlias.has(current.alias))
          this.stagesByAlias.set(current.alias, current);
      } else if (current) {
        current.instructions.push(instruction);
      }
    }
  }

  get finalStage(): Stage | undefined {
    return this.stages[this.stages.length - 1];
  }

  spanOf(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return { start: this.lines.offsetAt(range.start), end: this.lines.offsetAt(range.end) };
  }

  instructionSpan(instruction: Instruction): Span {
    return this.spanOf(instruction.getRange());
  }

  /** The instruction's source with continuations and embedded comment lines blanked (same length). */
  shellText(instruction: Instruction): { text: string; start: number } {
    const span = this.instructionSpan(instruction);
    const raw = this.text.slice(span.start, span.end);
    const escape = this.escapeChar === '`' ? '`' : '\\\\';
    const blanked = raw
      // Comment lines inside a continued instruction vanish with their line break (Docker strips them).
      .replace(/(\n)([ \t]*#[^\n]*\n)/g, (_m, lead: string, comment: string) => lead + ' '.repeat(comment.length))
      .replace(new RegExp(`${escape}[ \\t]*(\\r?\\n)`, 'g'), (m) => ' '.repeat(m.length));
    return { text: blanked, start: span.start };
  }

  /** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` from global ARG defaults (one linear scan). */
  substituteArgs(value: string): string | undefined {
    return substitute(value, this.globalValues);
  }

  /**
   * Substitutes variables as the instruction sees them: the ENV and ARG defaults of its stage
   * (and of the stages it builds on) before it, then the global ARG defaults. Undefined when a
   * variable has no known value.
   */
  substituteAt(stage: Stage, instruction: Instruction | undefined, value: string): string | undefined {
    if (!value.includes('$')) return value;
    return substitute(value, this.scopeBefore(stage, instruction));
  }

  /** Each stage's scope as substituteAt last left it: the variables before instruction `next`. */
  private readonly scopes = new Map<Stage, { next: number; variables: Map<string, string | undefined> }>();
  /** Each stage's instructions' places in it. */
  private readonly places = new Map<Stage, Map<Instruction, number>>();

  /**
   * The variables before `instruction`, as variablesAt gives them, but carried on from where the
   * last look-up in the stage stopped when it is later (rules ask in file order): reading the
   * stage again from its start for each RUN was quadratic in a stage of thousands of ENV and
   * RUN lines. Shared, not a copy: only for reading at once.
   */
  private scopeBefore(stage: Stage, instruction: Instruction | undefined): ReadonlyMap<string, string | undefined> {
    let places = this.places.get(stage);
    if (!places) this.places.set(stage, (places = new Map(stage.instructions.map((i, at) => [i, at]))));
    const place = instruction ? places.get(instruction) : stage.instructions.length;
    if (place === undefined) return this.variablesAt(stage, instruction);
    let scope = this.scopes.get(stage);
    if (!scope || scope.next > place) {
      // The stages it builds on, and none of its own instructions yet.
      scope = { next: 0, variables: this.variablesAt(stage, stage.instructions[0]) };
      this.scopes.set(stage, scope);
    }
    for (; scope.next < place; scope.next++) assign(stage.instructions[scope.next], scope.variables);
    return scope.variables;
  }

  /** The variables in scope before `instruction` (or at the end of the stage when undefined). */
  variablesAt(stage: Stage, instruction: Instruction | undefined): Map<string, string | undefined> {
    const chain: Stage[] = [];
    for (let s: Stage | undefined = stage; s && chain.length < 64 && !chain.includes(s); s = s.baseStage)
      chain.unshift(s);
    const variables = new Map(this.globalValues);
    for (const s of chain) {
      for (const i of s.instructions) {
        if (s === stage && instruction && !instruction.isAfter(i)) break;
        assign(i, variables);
      }
    }
    return variables;
  }

  /** A JSON-form argument's string value, read from the source (blanks kept), as Docker reads it. */
  jsonString(argument: JSONArgument): string {
    const span = this.spanOf(argument.getRange());
    const raw = this.text.slice(span.start, span.end);
    try {
      const value: unknown = JSON.parse(raw.replace(/\r?\n/g, ' '));
      if (typeof value === 'string') return value;
    } catch {
      // Not a JSON string as written (an escape JSON does not know): the parser's value.
    }
    return argument.getJSONValue();
  }

  /** The `--name` flags of an instruction (`COPY --from`, `RUN --mount`), in order. */
  flags(instruction: Instruction, name: string): Flag[] {
    if (!(instruction instanceof ModifiableInstruction)) return [];
    return instruction.getFlags().filter((flag) => flag.getName().toLowerCase() === name);
  }

  /** The destination argument of COPY/ADD, unquoted, in shell or JSON form. */
  copyDestination(instruction: Instruction): { value: string; span: Span } | undefined {
    const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
    if (json.length > 1) {
      const last = json[json.length - 1];
      return { value: last.getJSONValue(), span: this.spanOf(last.getRange()) };
    }
    const args = instruction.getArguments();
    if (args.length < 2) return undefined;
    const last = args[args.length - 1];
    return { value: last.getValue().replace(/^(["'])(.*)\1$/, '$2'), span: this.spanOf(last.getRange()) };
  }

  /**
   * The stage a `--from` value names: a stage alias (case-insensitive, anywhere in the file, as
   * BuildKit resolves them) or a stage index. Undefined for an image reference.
   */
  stageByReference(reference: string): Stage | undefined {
    const lower = reference.toLowerCase();
    if (/^\d+$/.test(lower)) return this.stages[Number(lower)];
    return this.stagesByAlias.get(lower);
  }

  /**
   * The working directory before `instruction` (or at the end of the stage), as absolute path
   * segments: the stage's WORKDIRs over the one it inherits from the stage it builds on, or the
   * base image's (`/` unless the image is known to set another). Undefined when a WORKDIR holds a
   * variable without a known value.
   */
  workdirAt(stage: Stage, instruction?: Instruction): string[] | undefined {
    let scope = this.workdirs.get(stage);
    if (!scope) {
      // The stages it builds on whose directories are not known yet, from the first base on: a
      // loop, not a recursion (a chain of 49,000 `FROM <previous stage>` overflowed the stack).
      const pending: Stage[] = [];
      for (let s: Stage | undefined = stage; s && !this.workdirs.has(s); s = s.baseStage) pending.push(s);
      for (let k = pending.length - 1; k >= 0; k--) {
        const s = pending[k];
        let dir: string[] | undefined = s.baseStage
          ? this.workdirs.get(s.baseStage)?.end
          : s.image
            ? (imageWorkdir(s.image) ?? [])
            : [];
        const before = new Map<Instruction, string[] | undefined>();
        for (const i of s.instructions) {
          before.set(i, dir);
          if (i.getKeyword() !== 'WORKDIR') continue;
          const written = (i.getArgumentsContent() ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
          const value = this.substituteAt(s, i, written);
          dir = value === undefined ? undefined : joinPath(dir, value);
        }
        this.workdirs.set(s, { before, end: dir });
      }
      scope = this.workdirs.get(stage)!;
    }
    return instruction && scope.before.has(instruction) ? scope.before.get(instruction) : scope.end;
  }

  /** An absolute or relative path of the stage's file system, resolved against its WORKDIR. */
  resolvePath(stage: Stage, instruction: Instruction, path: string): string[] | undefined {
    const value = this.substituteAt(stage, instruction, path);
    if (value === undefined) return undefined;
    if (value.startsWith('/')) return joinPath([], value);
    return joinPath(this.workdirAt(stage, instruction), value);
  }

  private createStage(from: From): Stage {
    const fromSpan = this.instructionSpan(from);
    const alias = from.getBuildStage() ?? undefined;
    const stage: Stage = {
      index: this.stages.length,
      from,
      fromSpan,
      alias: alias?.toLowerCase(),
      isScratch: false,
      instructions: [],
    };
    const written = from.getImage();
    const imageRange = from.getImageRange();
    if (!written || !imageRange) return stage;
    // BuildKit unquotes the FROM argument (`FROM "node:20"`); a name with other characters
    // (a template placeholder, a leftover `$`) is no image reference to judge.
    const substituted = this.substituteArgs(written.replace(/^(["'])(.*)\1$/, '$2'));
    const resolved = substituted !== undefined && imageReference.test(substituted) ? substituted : undefined;
    const lower = (resolved ?? written).toLowerCase();
    const base = this.stagesByAlias.get(lower);
    if (base) {
      stage.baseStage = base;
      return stage;
    }
    if (lower === 'scratch') {
      stage.isScratch = true;
      return stage;
    }
    stage.image = { written, span: this.spanOf(imageRange), ...(resolved !== undefined ? parseImage(resolved) : {}) };
    if (resolved !== undefined) stage.image.resolved = resolved;
    return stage;
  }

  /** The image a stage finally runs on, following `FROM <earlier stage>` links. */
  baseImageOf(stage: Stage): ImageReference | undefined {
    let current: Stage | undefined = stage;
    for (let guard = 0; current && guard < 64; guard++) {
      if (current.image) return current.image;
      current = current.baseStage;
    }
    return undefined;
  }

  /** The source arguments of COPY/ADD (all but the destination), unquoted, in shell or JSON form. */
  copySources(instruction: Instruction): Array<{ value: string; span: Span }> {
    const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
    if (json.length > 0)
      return json.slice(0, -1).map((a) => ({ value: a.getJSONValue(), span: this.spanOf(a.getRange()) }));
    return instruction
      .getArguments()
      .slice(0, -1)
      .map((a: Argument) => ({ value: a.getValue().replace(/^(["'])(.*)\1$/, '$2'), span: this.spanOf(a.getRange()) }));
  }

  instructionsOf(stage: Stage, keyword: string): Instruction[] {
    return stage.instructions.filter((i) => i.getKeyword() === keyword);
  }

  /** The stage and the earlier stages it builds on, the first base first. */
  chainOf(stage: Stage): Stage[] {
    const chain: Stage[] = [];
    for (let s: Stage | undefined = stage; s && chain.length < 64 && !chain.includes(s); s = s.baseStage)
      chain.unshift(s);
    return chain;
  }

  /**
   * What the stage's container runs, as far as this file tells: the last ENTRYPOINT and CMD of
   * the stage and the stages it builds on (an ENTRYPOINT resets an inherited CMD, as Docker does).
   */
  execution(stage: Stage): { entrypoint?: Instruction; cmd?: Instruction } {
    let entrypoint: Instruction | undefined;
    let cmd: Instruction | undefined;
    for (const s of this.chainOf(stage)) {
      for (const i of s.instructions) {
        const keyword = i.getKeyword();
        if (keyword === 'ENTRYPOINT') {
          entrypoint = i;
          cmd = undefined;
        } else if (keyword === 'CMD') cmd = i;
      }
    }
    return { ...(entrypoint ? { entrypoint } : {}), ...(cmd ? { cmd } : {}) };
  }

  /** The words of an exec-form instruction, or the shell form's words split on blanks (quotes dropped). */
  commandWords(instruction: Instruction): string[] {
    const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
    // The parser's values drop the blanks inside a string (`"exec gunicorn"`): read the source.
    if (json.length > 0) return json.map((a) => this.jsonString(a));
    return shellWords(instruction.getArgumentsContent() ?? '');
  }

  /**
   * The COPY/ADD sources a stage (and the stages it builds on) takes from the build context:
   * no `--from`, no URL, no heredoc; variables substituted, `./` and a leading `/` dropped.
   */
  contextSources(stage?: Stage): Array<{ stage: Stage; instruction: Instruction; value: string; count: number }> {
    const out: Array<{ stage: Stage; instruction: Instruction; value: string; count: number }> = [];
    for (const s of stage ? this.chainOf(stage) : this.stages) {
      for (const i of s.instructions) {
        const keyword = i.getKeyword();
        if ((keyword !== 'COPY' && keyword !== 'ADD') || this.flags(i, 'from').length > 0) continue;
        const sources = this.copySources(i).filter((a) => !a.value.startsWith('--'));
        for (const source of sources) {
          if (/^(?:[a-z]+:\/\/|git@|<<)/i.test(source.value)) continue;
          const value = this.substituteAt(s, i, source.value);
          if (value === undefined) continue;
          out.push({ stage: s, instruction: i, value: contextPath(value), count: sources.length });
        }
      }
    }
    return out;
  }

  /**
   * The build-context shell scripts the final stage runs at start-up (its ENTRYPOINT or CMD names
   * a path that a COPY/ADD from the context put there), as paths in the context. At most three.
   */
  entrypointScripts(): string[] {
    const stage = this.finalStage;
    if (!stage) return [];
    const { entrypoint, cmd } = this.execution(stage);
    const words = [...(entrypoint ? this.commandWords(entrypoint) : []), ...(cmd ? this.commandWords(cmd) : [])]
      // `sh -c "exec /entrypoint.sh"`: the command string's own words.
      .flatMap((word) => (/\s/.test(word) ? shellWords(word) : [word]))
      .slice(0, 16);
    const workdir = this.workdirAt(stage);
    const copies = this.contextSources(stage);
    const found = new Set<string>();
    const guessed = new Set<string>();
    words.forEach((word, index) => {
      if (!word || word.startsWith('-') || word.includes('$')) return;
      const afterShell = index > 0 && /^(?:\/bin\/|\/usr\/bin\/)?(?:sh|bash|ash|dash)$/.test(words[index - 1]);
      const bare = !word.includes('/');
      if (bare && !afterShell && !/\.sh$/.test(word) && !/entrypoint|start|run/i.test(word)) return;
      const target = word.startsWith('/')
        ? joinPath([], word)
        : bare && !afterShell
          ? undefined
          : joinPath(workdir, word);
      for (const copy of copies) {
        const destination = this.copyDestination(copy.instruction);
        if (!destination) continue;
        const folder = this.resolvePath(copy.stage, copy.instruction, destination.value);
        if (!folder) continue;
        const name = copy.value.split('/').pop() ?? '';
        const intoFolder = destination.value.endsWith('/') || copy.count > 1 || /^\.?\/?$/.test(destination.value);
        const placed = intoFolder ? [...folder, name] : folder;
        let source: string | undefined;
        let guess: string | undefined;
        // A file copied to where the command runs it: the script itself.
        if (
          target
            ? samePath(placed, target)
            : placed[placed.length - 1] === word && pathDirectories.has('/' + placed.slice(0, -1).join('/'))
        )
          source = copy.value;
        // A folder copied whole (`COPY scripts/ /usr/local/bin/`) may hold it: a guess, used
        // only when no file is copied there by name.
        else if (copy.count === 1 && !/\.[A-Za-z0-9]+$/.test(name)) {
          if (target && startsWithPath(target, folder) && target.length > folder.length)
            guess = [copy.value, ...target.slice(folder.length)].filter((p) => p !== '').join('/');
          else if (!target && pathDirectories.has('/' + folder.join('/')))
            guess = [copy.value, word].filter((p) => p !== '').join('/');
        }
        // Shell scripts (`entrypoint.sh`, `docker-entrypoint`), not the app's own `.js` or `.py`.
        const script = (path: string | undefined): path is string =>
          path !== undefined && path !== '' && !globPattern.test(path) && /(?:\.sh|\/[^./]+|^[^./]+)$/.test(path);
        if (script(source)) found.add(source);
        else if (script(guess)) guessed.add(guess);
      }
    });
    return [...(found.size > 0 ? found : guessed)].slice(0, 3);
  }
}

/** Folders on the default PATH, where a bare ENTRYPOINT name is looked up. */
const pathDirectories = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);
const globPattern = /[*?[]/;

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function startsWithPath(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => part === path[i]);
}

/** A COPY source as a path in the context: `./src/app` and `/src/app` are `src/app`, `.` is ``. */
export function contextPath(value: string): string {
  return value
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/** A shell command line's words, split on blanks outside quotes, quotes removed (no expansion). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let inWord = false;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** How far above its own folder the build context of a Dockerfile is looked for. */
export const MAX_CONTEXT_LEVEL = 3;

/** `../` repeated `level` times: a companion name `level` folders up. */
export function up(level: number): string {
  return '../'.repeat(level);
}

/** Names .dockerignore entries use for what every context may hold: they tell nothing about which one it is. */
const genericNames = new Set([
  '.git',
  '.github',
  '.env',
  '.venv',
  '.vscode',
  '.idea',
  '.tmp',
  '__pycache__',
  'bin',
  'build',
  'coverage',
  'dist',
  'docs',
  'env',
  'lib',
  'log',
  'logs',
  'node_modules',
  'obj',
  'out',
  'src',
  'target',
  'test',
  'tests',
  'tmp',
  'vendor',
  'venv',
]);

/**
 * The build context of a Dockerfile, as a number of folders above its own (0: its own folder),
 * read from the file and the .dockerignore files beside and above it:
 *
 * 1. COPY sources that start with the Dockerfile's own folder path as seen from an ancestor
 *    (`COPY src/Api/entrypoint.sh` in `src/Api/Dockerfile`) are rooted there: that ancestor is
 *    the context. A one-folder prefix (`COPY app/ …` in `app/Dockerfile`, the `pkg/pkg/` layout
 *    of Python projects) counts only when every source starts with it.
 * 2. Otherwise, when the own folder has no .dockerignore and the nearest ancestor that has one
 *    names a path a COPY source starts with (`viz-lib/node_modules/` for `COPY viz-lib …`), the
 *    ignore file was written for that context.
 *
 * Never above the project root (the folders of `model.path`, which is project-relative).
 */
export function buildContextLevel(
  model: DockerModel,
  companions: Readonly<Record<string, string | null>> | undefined,
): number {
  const folders = model.path
    .replace(/\\/g, '/')
    .split('/')
    .slice(0, -1)
    .filter((p) => p !== '' && p !== '.');
  const maxLevel = Math.min(MAX_CONTEXT_LEVEL, folders.length);
  if (maxLevel === 0) return 0;
  const sources = model
    .contextSources()
    .map((s) => s.value)
    .filter((value) => value !== '' && value !== '*');
  if (sources.length === 0) return 0;
  for (let level = maxLevel; level >= 1; level--) {
    const prefix = folders.slice(folders.length - level).join('/');
    const rooted = sources.filter((s) => s === prefix || s.startsWith(prefix + '/')).length;
    if (rooted > 0 && (level >= 2 || rooted === sources.length)) return level;
  }
  if (companions?.['.dockerignore'] !== null) return 0;
  const firstSegments = new Set(sources.map((s) => s.split('/')[0]).filter((name) => !genericNames.has(name)));
  for (let level = 1; level <= maxLevel; level++) {
    const text = companions[`${up(level)}.dockerignore`];
    if (text === undefined) return 0;
    if (text === null) continue;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim().replace(/^!/, '').replace(/^\//, '');
      if (line === '' || line.startsWith('#')) continue;
      const first = line.split('/')[0];
      if (line.includes('/') && !globPattern.test(first) && firstSegments.has(first)) return level;
    }
    return 0;
  }
  return 0;
}

/**
 * Files a Dockerfile's analysis reads beside and above it (names relative to its folder): its own
 * `<name>.dockerignore`, the `.dockerignore` of each candidate context, and the context files
 * rules judge by their content (the entrypoint scripts, a copied `.npmrc`), under each candidate
 * context.
 */
export function dockerfileCompanions(text: string, path: string, fileName: string): string[] {
  const names = [`${fileName}.dockerignore`];
  for (let level = 0; level <= MAX_CONTEXT_LEVEL; level++) names.push(`${up(level)}.dockerignore`);
  let model: DockerModel;
  try {
    model = new DockerModel(text, path, new LineIndex(text));
  } catch {
    return names;
  }
  const files = new Set(model.entrypointScripts());
  for (const source of model.contextSources()) {
    if (/(?:^|\/)\.npmrc$/.test(source.value) && files.size < 6) files.add(source.value);
  }
  for (const file of files) for (let level = 0; level <= MAX_CONTEXT_LEVEL; level++) names.push(`${up(level)}${file}`);
  return names;
}

/** What an image reference may hold once variables are substituted: `[registry[:port]/]name[:tag][@digest]`. */
const imageReference = /^[A-Za-z0-9][A-Za-z0-9._\-/:@+]*$/;

/** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` from `variables` (one linear scan). */
function substitute(value: string, variables: ReadonlyMap<string, string | undefined>): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const braced = value[i + 1] === '{';
    let j = braced ? i + 2 : i + 1;
    const nameStart = j;
    if (!/[A-Za-z_]/.test(value[j] ?? '')) {
      out += c;
      continue;
    }
    while (j < value.length && /\w/.test(value[j])) j++;
    const name = value.slice(nameStart, j);
    let fallback: string | undefined;
    if (braced) {
      const close = value.indexOf('}', j);
      if (close < 0) return undefined;
      const modifier = value.slice(j, close);
      if (modifier.startsWith(':-') || modifier.startsWith('-')) fallback = modifier.slice(modifier.indexOf('-') + 1);
      else if (modifier !== '') return undefined;
      j = close + 1;
    }
    const known = variables.get(name);
    if (known !== undefined && known !== '') out += known;
    else if (fallback !== undefined) out += fallback;
    else return undefined;
    i = j - 1;
  }
  return out;
}

/** Working directories that well-known base images set (others leave `/`). */
const knownWorkdirs = new Map([
  ['golang', '/go'],
  ['library/golang', '/go'],
  ['oven/bun', '/home/bun/app'],
]);

function imageWorkdir(image: ImageReference): string[] | undefined {
  const dir =
    image.registry === undefined || image.registry === 'docker.io' ? knownWorkdirs.get(image.name ?? '') : undefined;
  return dir ? joinPath([], dir) : undefined;
}

/** `path` (absolute, or relative to `base`) as normalized segments; undefined when `base` is unknown. */
export function joinPath(base: readonly string[] | undefined, path: string): string[] | undefined {
  const absolute = path.startsWith('/');
  if (!absolute && base === undefined) return undefined;
  const segments = absolute ? [] : [...(base ?? [])];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') segments.pop();
    else segments.push(part);
  }
  return segments;
}

/** `[registry/]name[:tag][@digest]` following Docker's rule: a first segment with a dot or colon, or `localhost`, is a registry. */
export function parseImage(image: string): Pick<ImageReference, 'registry' | 'name' | 'tag' | 'digest'> {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first.toLowerCase();
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const result: Pick<ImageReference, 'registry' | 'name' | 'tag' | 'digest'> = { name: rest.toLowerCase() };
  if (registry) result.registry = registry;
  if (tag) result.tag = tag;
  if (digest) result.digest = digest;
  return result;
}

export type OsFamily = 'alpine' | 'debian' | 'distroless' | 'unknown';

/** The OS family of an image, from its name and tag (official images' conventions). */
export function osFamily(image: ImageReference | undefined): OsFamily {
  if (!image?.name) return 'unknown';
  const name = image.name.replace(/^library\//, '');
  const tag = image.tag ?? '';
  if (
    (image.registry === 'gcr.io' && name.startsWith('distroless/')) ||
    name.startsWith('chainguard/') ||
    image.registry === 'cgr.dev'
  )
    return 'distroless';
  if (name === 'alpine' || /(?:^|-)alpine/.test(tag)) return 'alpine';
  if (['debian', 'ubuntu'].includes(name) || /(?:bookworm|bullseye|buster|trixie|jammy|noble|focal|slim)/.test(tag))
    return 'debian';
  // Official language images without a variant tag are Debian-based.
  if (
    [
      'node',
      'python',
      'ruby',
      'golang',
      'openjdk',
      'eclipse-temurin',
      'php',
      'rust',
      'perl',
      'bun',
      'oven/bun',
      'denoland/deno',
    ].includes(name)
  )
    return 'debian';
  return 'unknown';
}
