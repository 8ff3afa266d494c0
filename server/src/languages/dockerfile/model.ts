// A Dockerfile as rules see it: build stages with their base images (ARG substitution, registry,
// tag, digest, stage references), instructions with offsets, USER per stage, and RUN shell text
// with line continuations blanked so offsets still point into the file.
import {
  DockerfileParser,
  JSONInstruction,
  type Argument,
  type Dockerfile,
  type From,
  type Instruction,
} from 'dockerfile-ast';
import type { LineIndex } from '../../core/text';

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

export class DockerModel {
  readonly dockerfile: Dockerfile;
  readonly stages: Stage[] = [];
  readonly escapeChar: string;
  readonly globalArgs = new Map<string, string | undefined>();
  /** Stages by alias, for `FROM <alias>` look-ups in constant time. */
  private readonly stagesByAlias = new Map<string, Stage>();

  constructor(
    readonly text: string,
    readonly path: string,
    readonly lines: LineIndex,
  ) {
    this.dockerfile = DockerfileParser.parse(text);
    this.escapeChar = this.dockerfile.getEscapeCharacter();
    for (const arg of this.dockerfile.getInitialARGs()) {
      for (const property of arg.getProperties())
        this.globalArgs.set(property.getName(), property.getValue() ?? undefined);
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
      const known = this.globalArgs.get(name);
      if (known !== undefined && known !== '') out += known;
      else if (fallback !== undefined) out += fallback;
      else return undefined;
      i = j - 1;
    }
    return out;
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
    const resolved = this.substituteArgs(written);
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
