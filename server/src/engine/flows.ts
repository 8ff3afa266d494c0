// Links the data-flow summaries of a project's files (core/flows.ts): a call in one file that
// passes request data or a tool argument to another file's exported function is followed through
// the functions that pass it on, to the sinks their parameters reach. A flow that arrives is a
// finding at the sink, in the sink's file, with the source and every call on the way as related
// locations. Pure and bounded: module resolution is by path (TypeScript/Node rules, tsconfig
// `paths` when the host passes them), re-exports are followed to a fixed depth, and the search
// stops at fixed numbers of hops and steps.
import {
  SOURCE_SLOT,
  type FlowConditional,
  type FileFlows,
  type FlowCall,
  type FlowKind,
  type FlowSink,
  type FlowSource,
  type ParameterOrigin,
} from '../core/flows';
import { parse } from 'jsonc-parser';
import type { Finding, RelatedLocation } from '../core/rule';
import { describeSource } from '../knowledge/taint';

/** Calls a flow may pass through between its source and its sink. */
export const MAX_FLOW_HOPS = 8;
/** Tainted parameters examined per link of a project; beyond that the rest are not followed. */
export const MAX_FLOW_STEPS = 50_000;
/** Re-exports followed to find what a name is. */
const MAX_REEXPORT_DEPTH = 8;

export interface FlowFile {
  /** Relative to the project root, POSIX separators. */
  path: string;
  flows?: FileFlows;
}

export interface ModuleAlias {
  /** The folder of the tsconfig that declares it: it applies to the files under it. */
  root: string;
  pattern: string;
  /** Relative to the project root. */
  targets: readonly string[];
}

export interface LinkOptions {
  /** Every path the project has (analyzed or not), to resolve specifiers the way TypeScript would. */
  paths?: ReadonlySet<string>;
  /** `compilerOptions.paths` of the project's tsconfig files. */
  aliases?: readonly ModuleAlias[];
  /** Packages of the workspace itself (a monorepo's `packages/*`), by name: their folder and entry files. */
  packages?: ReadonlyMap<string, { dir: string; entries: readonly string[] }>;
}

export interface FlowLinks {
  /** New findings per path (a sink's file); one with the range and rule of an existing finding replaces it. */
  findings: Map<string, Finding[]>;
  /** Whether a limit cut the search short (verbose hosts say so). */
  truncated: boolean;
}

const extensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const jsToTs: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function normalize(parts: string[]): string | undefined {
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** A file path a module path names: itself, with an extension, its TypeScript twin, or its index. */
function fileFor(base: string, has: (path: string) => boolean): string | undefined {
  const dot = base.lastIndexOf('.');
  const extension = dot > base.lastIndexOf('/') ? base.slice(dot) : '';
  if (extension) {
    for (const twin of jsToTs[extension] ?? []) {
      const candidate = base.slice(0, dot) + twin;
      if (has(candidate)) return candidate;
    }
    if (extensions.includes(extension) && has(base)) return base;
  }
  for (const ext of extensions) if (has(base + ext)) return base + ext;
  for (const ext of extensions) if (has(`${base}/index${ext}`)) return `${base}/index${ext}`;
  return undefined;
}

/** The project file a specifier written in `from` names, if it is one of the project's. */
export function resolveSpecifier(
  from: string,
  specifier: string,
  has: (path: string) => boolean,
  aliases: readonly Omit<ModuleAlias, 'root'>[] | readonly ModuleAlias[] = [],
  packages: LinkOptions['packages'] = new Map(),
): string | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')).split('/') : [];
    const base = normalize([...dir, ...specifier.split('/')]);
    return base === undefined ? undefined : fileFor(base, has);
  }
  for (const alias of aliases) {
    const { pattern, targets } = alias;
    if ('root' in alias && alias.root !== '' && !from.startsWith(alias.root + '/')) continue;
    const star = pattern.indexOf('*');
    const matched =
      star < 0
        ? specifier === pattern
          ? ''
          : undefined
        : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))
          ? specifier.slice(star, specifier.length - (pattern.length - star - 1))
          : undefined;
    if (matched === undefined) continue;
    for (const target of targets) {
      const base = normalize(target.replace('*', matched).split('/'));
      const found = base === undefined ? undefined : fileFor(base, has);
      if (found) return found;
    }
  }
  // Common source-root aliases when no tsconfig says otherwise: `@/x` and `~/x` for `src/x`.
  if (aliases.length === 0 && (specifier.startsWith('@/') || specifier.startsWith('~/'))) {
    const rest = specifier.slice(2);
    return fileFor(`src/${rest}`, has) ?? fileFor(rest, has);
  }
  // A package of the workspace: `@acme/tools` (its entry) or `@acme/tools/exec` (a file in it).
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const pkg = packages.get(parts.slice(0, nameLength).join('/'));
  if (!pkg) return undefined;
  const rest = parts.slice(nameLength).join('/');
  if (rest === '') {
    for (const entry of pkg.entries) {
      const found = fileFor(entry, has);
      if (found) return found;
    }
    return undefined;
  }
  const prefix = pkg.dir === '' ? '' : `${pkg.dir}/`;
  return fileFor(`${prefix}src/${rest}`, has) ?? fileFor(`${prefix}${rest}`, has);
}

interface Place {
  path: string;
  key: string;
}

/** A parameter of a function of the project that carries tainted data of `kind` (its property `property`, or all). */
interface Tainted {
  path: string;
  fn: string;
  index: number;
  property?: string;
  kind: FlowKind;
  source: { path: string; source: FlowSource };
  /** The calls on the way, first to last. */
  steps: RelatedLocation[];
}

export function linkFlows(files: readonly FlowFile[], options: LinkOptions = {}): FlowLinks {
  const flowsOf = new Map<string, FileFlows>();
  for (const file of files) if (file.flows) flowsOf.set(file.path, file.flows);
  const findings = new Map<string, Finding[]>();
  if (flowsOf.size === 0) return { findings, truncated: false };
  const paths = options.paths ?? new Set(files.map((f) => f.path));
  const has = (path: string): boolean => paths.has(path) || flowsOf.has(path);
  const resolved = new Map<string, string | undefined>();
  const moduleOf = (from: string, specifier: string): string | undefined => {
    const cacheKey = `${from}\u0000${specifier}`;
    if (resolved.has(cacheKey)) return resolved.get(cacheKey);
    const found = resolveSpecifier(from, specifier, has, options.aliases, options.packages);
    resolved.set(cacheKey, found);
    return found;
  };

  /** The function an export (or a member of it) is, following re-exports. */
  const resolveExport = (path: string, name: string, member: string | undefined, depth: number): Place | undefined => {
    if (depth > MAX_REEXPORT_DEPTH) return undefined;
    const flows = flowsOf.get(path);
    if (!flows) return undefined;
    const entry = flows.exports.find((e) => e.name === name);
    if (!entry) {
      for (const star of flows.exports) {
        if (star.name !== '*' || !star.from) continue;
        const target = moduleOf(path, star.from.specifier);
        const found = target && resolveExport(target, name, member, depth + 1);
        if (found) return found;
      }
      // CommonJS: `require('./x').run` and `import x from './x'; x.run()` reach members of `module.exports`.
      const main = flows.exports.find((e) => e.name === 'default');
      if (main?.local && name !== 'default') {
        const owner = memberOf(path, flows, main.local, name);
        return member ? memberOf(path, flows, owner.key, member) : owner;
      }
      if (main && name === 'default' && member) return resolveExport(path, member, undefined, depth + 1);
      return undefined;
    }
    if (entry.from) {
      const target = moduleOf(path, entry.from.specifier);
      if (!target) return undefined;
      if (entry.from.name === '*') return member ? resolveExport(target, member, undefined, depth + 1) : undefined;
      return resolveExport(target, entry.from.name, member, depth + 1);
    }
    if (!entry.local) return undefined;
    return member ? memberOf(path, flows, entry.local, member) : { path, key: entry.local };
  };
  const memberOf = (path: string, flows: FileFlows, owner: string, member: string): Place => {
    const alias = flows.exports.find((e) => e.name === `${owner}.${member}`);
    return { path, key: alias?.local ?? `${owner}.${member}` };
  };

  // Per file: its sinks and its calls that pass its own parameters on, by function key.
  const sinksByFn = new Map<string, Map<string, FlowSink[]>>();
  const hopsByFn = new Map<string, Map<string, FlowCall[]>>();
  const add = <T>(table: Map<string, Map<string, T[]>>, path: string, key: string, value: T): void => {
    let byKey = table.get(path);
    if (!byKey) table.set(path, (byKey = new Map()));
    const list = byKey.get(key);
    if (list) {
      if (!list.includes(value)) list.push(value);
    } else byKey.set(key, [value]);
  };
  for (const [path, flows] of flowsOf) {
    for (const sink of flows.sinks) for (const origin of sink.origins) add(sinksByFn, path, origin.fn, sink);
    for (const call of flows.calls)
      for (const argument of call.args)
        for (const origin of argument.origins ?? []) add(hopsByFn, path, origin.fn, call);
  }

  const queue: Tainted[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const enqueue = (from: string, call: FlowCall, make: (place: Place) => Omit<Tainted, 'path' | 'fn'>): void => {
    const flows = flowsOf.get(from);
    if (!flows) return;
    const target = moduleOf(from, call.target.specifier);
    const place = target && resolveExport(target, call.target.name, call.target.member, 0);
    if (!place) return;
    const tainted = { path: place.path, fn: place.key, ...make(place) };
    const key = `${tainted.path}\u0000${tainted.fn}\u0000${tainted.index}\u0000${tainted.property ?? ''}\u0000${tainted.kind}\u0000${tainted.source.path}:${tainted.source.source.range.start.line}:${tainted.source.source.range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(tainted);
  };
  const callStep = (path: string, call: FlowCall): RelatedLocation => ({
    path,
    range: call.range,
    message: `passed to ${call.text}(…)`,
  });

  // Sources first: every argument of a call into another file that carries request data or a tool argument.
  for (const [path, flows] of flowsOf) {
    for (const call of flows.calls) {
      for (const argument of call.args) {
        if (!argument.source) continue;
        const source = { path, source: argument.source };
        enqueue(path, call, () => ({
          index: argument.index,
          ...(argument.property !== undefined ? { property: argument.property } : {}),
          kind: argument.kind,
          source,
          steps: [callStep(path, call)],
        }));
      }
    }
  }

  const reached = new Map<string, Finding>();
  const matches = (origin: ParameterOrigin, tainted: Tainted): boolean =>
    origin.fn === tainted.fn &&
    origin.index === tainted.index &&
    (origin.property === undefined || tainted.property === undefined || origin.property === tainted.property);
  let steps = 0;
  for (let i = 0; i < queue.length; i++) {
    if (++steps > MAX_FLOW_STEPS) {
      truncated = true;
      break;
    }
    const tainted = queue[i];
    for (const sink of sinksByFn.get(tainted.path)?.get(tainted.fn) ?? []) {
      if (sink.kind !== tainted.kind || !sink.origins.some((o) => matches(o, tainted))) continue;
      const key = `${tainted.path}\u0000${sink.ruleId}\u0000${sink.range.start.line}:${sink.range.start.character}:${sink.range.end.line}:${sink.range.end.character}`;
      if (reached.has(key)) continue;
      reached.set(key, linkedFinding(sink, tainted));
      let list = findings.get(tainted.path);
      if (!list) findings.set(tainted.path, (list = []));
      list.push(reached.get(key)!);
    }
    if (tainted.steps.length >= MAX_FLOW_HOPS) {
      truncated = true;
      continue;
    }
    for (const call of hopsByFn.get(tainted.path)?.get(tainted.fn) ?? []) {
      for (const argument of call.args) {
        if (argument.kind !== tainted.kind || !argument.origins?.some((o) => matches(o, tainted))) continue;
        enqueue(tainted.path, call, () => ({
          index: argument.index,
          ...(argument.property !== undefined ? { property: argument.property } : {}),
          kind: argument.kind,
          source: tainted.source,
          steps: [...tainted.steps, callStep(tainted.path, call)],
        }));
      }
    }
  }
  // Findings that depend on what a called function of another file does (returns its tainted argument, normalizes a path).
  for (const [path, flows] of flowsOf) {
    for (const conditional of flows.conditionals ?? []) {
      const target = moduleOf(path, conditional.target.specifier);
      const place = target && resolveExport(target, conditional.target.name, conditional.target.member, 0);
      if (!place) continue;
      const trait = flowsOf.get(place.path)?.traits?.find((t) => t.fn === place.key && t.trait === conditional.trait);
      if (!trait) continue;
      const key = `${path}\u0000${conditional.ruleId}\u0000${conditional.range.start.line}:${conditional.range.start.character}:${conditional.range.end.line}:${conditional.range.end.character}`;
      if (reached.has(key)) continue;
      const finding: Finding = {
        ruleId: conditional.ruleId,
        severity: conditional.severity,
        range: conditional.range,
        message: `${conditional.message} ${traitClause(conditional, `${place.path}:${trait.range.start.line + 1}`)}`,
        fixes: [],
        related: [{ path: place.path, range: trait.range, message: traitMessage(conditional) }],
        // A function that returns its tainted argument is a step of the flow; a path normalizer is not.
        ...(conditional.trait.startsWith('returns:') ? { dataFlow: true as const } : {}),
        ...(conditional.suppressed ? { suppressed: conditional.suppressed } : {}),
      };
      reached.set(key, finding);
      let list = findings.get(path);
      if (!list) findings.set(path, (list = []));
      list.push(finding);
    }
  }
  return { findings, truncated };
}

/** The sentence a conditional finding gains: which function of which file made it stand. */
function traitClause(conditional: FlowConditional, at: string): string {
  if (conditional.trait === 'normalizes-path') return `(${conditional.text}() in ${at} normalizes the path.)`;
  if (conditional.trait === 'weak-hash') return `(${conditional.text}() in ${at} hashes with MD5 or SHA-1.)`;
  return `(The value passes through ${conditional.text}() in ${at}.)`;
}

function traitMessage(conditional: FlowConditional): string {
  if (conditional.trait === 'normalizes-path') return `${conditional.text}() returns a normalized path`;
  if (conditional.trait === 'weak-hash') return `${conditional.text}() hashes its input with a weak algorithm`;
  return `${conditional.text}() returns what it is passed`;
}

function linkedFinding(sink: FlowSink, tainted: Tainted): Finding {
  const { path, source } = tainted.source;
  const described = `${describeSource(source)} in ${path}:${source.range.start.line + 1}`;
  return {
    ruleId: sink.ruleId,
    severity: sink.severity,
    range: sink.range,
    message: sink.message.split(SOURCE_SLOT).join(described),
    fixes: [],
    related: [{ path, range: source.range, message: `source: ${describeSource(source)}` }, ...tainted.steps],
    dataFlow: true,
    ...(sink.suppressed ? { suppressed: sink.suppressed } : {}),
  };
}

/** A project file handed to linking: tsconfig/jsconfig files and package.json files, with their text. */
export interface ModuleConfigFile {
  path: string;
  text: string | null;
}

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const joinPath = (...parts: string[]): string | undefined => normalize(parts.join('/').split('/'));

/**
 * What the project's own configuration says about module names: `compilerOptions.paths` of each
 * tsconfig/jsconfig (targets made relative to the project root, through `baseUrl`), and the
 * packages of the workspace by their package.json `name` (a monorepo). Malformed files are skipped.
 */
export function moduleConfig(files: readonly ModuleConfigFile[]): Pick<LinkOptions, 'aliases' | 'packages'> {
  const aliases: ModuleAlias[] = [];
  const packages = new Map<string, { dir: string; entries: string[] }>();
  for (const file of files) {
    if (file.text === null) continue;
    const name = file.path.slice(file.path.lastIndexOf('/') + 1).toLowerCase();
    const dir = dirOf(file.path);
    const json: unknown = parseJsonc(file.text);
    if (!json || typeof json !== 'object') continue;
    if (name === 'package.json') {
      const manifest = json as { name?: unknown; main?: unknown; module?: unknown; types?: unknown; exports?: unknown };
      if (typeof manifest.name !== 'string' || manifest.name === '' || packages.has(manifest.name)) continue;
      const declared = [manifest.exports, manifest.module, manifest.main, manifest.types]
        .map(entryOf)
        .filter((e): e is string => e !== undefined)
        .map((e) => joinPath(dir, e.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '')))
        .filter((e): e is string => e !== undefined);
      // Built output (dist/index.js) has its source beside it in a workspace: src/index.ts.
      const entries = [
        ...declared.map((e) => e.replace(/(^|\/)(?:dist|build|lib|out)\//, '$1src/')),
        ...declared,
        joinPath(dir, 'src/index') ?? 'src/index',
        joinPath(dir, 'index') ?? 'index',
      ];
      packages.set(manifest.name, { dir, entries: [...new Set(entries)] });
      continue;
    }
    const options = (json as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } }).compilerOptions;
    if (!options?.paths || typeof options.paths !== 'object') continue;
    const base = typeof options.baseUrl === 'string' ? joinPath(dir, options.baseUrl) : dir;
    if (base === undefined) continue;
    for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (!Array.isArray(targets)) continue;
      const resolved = targets
        .filter((t): t is string => typeof t === 'string')
        .map((t) => joinPath(base, t))
        .filter((t): t is string => t !== undefined);
      if (resolved.length > 0) aliases.push({ root: dir, pattern, targets: resolved });
    }
  }
  // The most specific folder's aliases first (a package's tsconfig before the root's).
  aliases.sort((a, b) => b.root.length - a.root.length);
  return { aliases, packages };
}

function entryOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  // exports: { '.': …, './x': … } or { import, require, types, default }
  const main = '.' in record ? record['.'] : record;
  if (typeof main === 'string') return main;
  if (!main || typeof main !== 'object') return undefined;
  const conditions = main as Record<string, unknown>;
  for (const key of ['types', 'import', 'default', 'require', 'node']) {
    const found = entryOf(conditions[key]);
    if (found) return found;
  }
  return undefined;
}

function parseJsonc(text: string): unknown {
  try {
    return parse(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined;
  }
}
