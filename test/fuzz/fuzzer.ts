// A seeded fuzzer for every parser, rule and fix: random bytes and Unicode, truncations and
// splices of every fixture, absurd nesting, huge files and lines, mixed line endings, BOMs and
// NUL bytes, for TypeScript, Dockerfiles, nginx and the project config, and grammar-aware inputs
// a hostile repository would write (issue #22): credentials by the thousand in one comment,
// variable names shaped like catastrophic patterns, 100,000-character identifiers, thousands of
// Dockerfile stages, code followed by hundreds of nested brackets. Property: analysis and every
// quick fix finish without throwing within 200 ms + 2 s of CPU time per MB analyzed (the input,
// then the text all its fixes produce), no rule fails and no file is given up, and every fix's
// edits lie inside the document and do not overlap. Used by the bounded test and by `npm run fuzz` (scripts/fuzz.ts), which also
// catches inputs that never finish or crash the process.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import ts from 'typescript';
import { join } from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { parseProjectConfig } from '../../server/src/core/config';
import { applyTextEdits, combineFixes } from '../../server/src/core/edits';
import { ruleIds } from '../../server/src/rules';
import type { Finding, Range } from '../../server/src/core/rule';
import { LineIndex } from '../../server/src/core/text';
import { cpuMs } from '../helpers/cpu';

export const targets = [
  { path: 'src/fuzz.ts', kind: 'typescript' },
  { path: 'src/fuzz.jsx', kind: 'typescript' },
  { path: 'Dockerfile', kind: 'dockerfile' },
  { path: 'nginx.conf', kind: 'nginx' },
  { path: '.blah-security.json', kind: 'config' },
  { path: '.vscode/mcp.json', kind: 'mcp-config' },
] as const;

const repo = join(__dirname, '..', '..');
/** Inputs that once failed, replayed by npm test. Only `npm run fuzz -- --save` adds to it. */
export const regressionsDir = join(__dirname, 'regressions');

/** Mulberry32: small, fast, seedable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(): string[] {
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(repo, 'test', 'rules'));
  walk(join(repo, 'examples'));
  return texts;
}

export interface Generator {
  name: string;
  make(rand: () => number, seeds: readonly string[]): string;
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

export const generators: Generator[] = [
  {
    name: 'random bytes',
    make: (r) =>
      Buffer.from(Array.from({ length: Math.floor(r() * 4096) }, () => Math.floor(r() * 256))).toString('latin1'),
  },
  {
    name: 'random unicode',
    make: (r) =>
      Array.from({ length: Math.floor(r() * 2048) }, () =>
        String.fromCodePoint(
          pick(r, [
            () => Math.floor(r() * 0x80),
            () => Math.floor(r() * 0xd7ff),
            () => 0x10000 + Math.floor(r() * 0xfffff),
          ])(),
        ),
      ).join(''),
  },
  {
    name: 'truncated fixture',
    make: (r, seeds) => {
      const s = pick(r, seeds);
      return s.slice(0, Math.floor(r() * s.length));
    },
  },
  {
    name: 'spliced fixtures',
    make: (r, seeds) => {
      const a = pick(r, seeds);
      const b = pick(r, seeds);
      const i = Math.floor(r() * a.length);
      return a.slice(0, i) + b.slice(Math.floor(r() * b.length)) + a.slice(i + Math.floor(r() * 64));
    },
  },
  {
    name: 'mutated fixture',
    make: (r, seeds) => {
      const chars = [...pick(r, seeds)];
      const alphabet = [
        '{',
        '}',
        '(',
        ')',
        '[',
        ']',
        ';',
        '"',
        "'",
        '`',
        '\\',
        '$',
        '#',
        '/',
        '*',
        '\n',
        '\r',
        '\u0000',
        '\uFEFF',
        '${',
        '<<EOF\n',
        '\\\n',
      ];
      for (let n = Math.floor(r() * 20); n > 0; n--)
        chars.splice(Math.floor(r() * chars.length), Math.floor(r() * 3), pick(r, alphabet));
      return chars.join('');
    },
  },
  {
    name: 'deep nesting',
    make: (r) => {
      const [open, close] = pick(r, [
        ['[', ']'],
        ['{', '}'],
        ['(', ')'],
        ['server {', '}'],
        ['`${', '}`'],
      ] as const);
      const depth = 10000;
      return 'x = ' + open.repeat(depth) + (r() < 0.5 ? close.repeat(depth) : '');
    },
  },
  {
    // A rule comparing each credential with every earlier one, or looking up the comment's
    // start for each, is quadratic here (the watchdog then stopped it: issue #22).
    name: 'credentials in an unclosed comment',
    make: (r) => {
      const lines = ['/*'];
      const count = 2000 + Math.floor(r() * 6000);
      const shape = pick(r, [(i: number) => `ab://c:d${i}@e`, (i: number) => `sk-${'a'.repeat(20)}${i}`]);
      for (let i = 0; i < count; i++) lines.push(shape(i));
      return lines.join('\n');
    },
  },
  {
    // Names a rule might put into a pattern: catastrophic ones, and ones that do not compile.
    name: 'regex-shaped names',
    make: (r) => {
      const shapes = ['(x+x+)+y', 'TOKEN(', '[A-', 'a{1,99999}', '\\', '(?<n>', '*', '$', '|', '(a|a)*'];
      const lines = ['FROM node:20'];
      for (let n = 1 + Math.floor(r() * 4); n > 0; n--) {
        const name = pick(r, shapes);
        lines.push(
          `ENV ${name}_TOKEN=abcdefgh123456`,
          `ARG ${name}`,
          `RUN echo $${'x'.repeat(30)}! \${${name}} $${name}_TOKEN`,
          `const ${name} = process.env.${name};`,
          `set $${name} "${name}";`,
        );
      }
      return lines.join('\n') + '\n';
    },
  },
  {
    // Identifiers of the file joined into one pattern exceed what V8 compiles.
    name: 'long identifiers',
    make: (r) => {
      const id = pick(r, ['a', '$', '_x']) + 'a'.repeat(20000 + Math.floor(r() * 80000));
      return [
        'import cp from "child_process";',
        'import axios from "axios";',
        `const ${id} = cp;`,
        `const ${id}b = axios;`,
        `export function f(req: any) { ${id}.exec("ls " + req.query.dir); ${id}b.get(req.query.u); }`,
        '',
      ].join('\n');
    },
  },
  {
    // Stage handling quadratic in the number of stages (or recursive along FROM chains).
    name: 'many Dockerfile stages',
    make: (r) => {
      const stage = pick(r, [
        (i: number) => `FROM node:20 AS s${i}\nCOPY .env /app/\n`,
        (i: number) => `FROM s${i - 1} AS s${i}\nWORKDIR /app\nCOPY .env /app/\n`,
        (i: number) => `FROM node AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /app /app\nENV API_TOKEN=abcdefgh1234\n`,
      ]);
      // Enough stages that quadratic handling overruns the budget (2,000 stages copying an .env
      // took seconds), few enough that the Dockerfile parser alone stays well inside it.
      const count = 800 + Math.floor(r() * 1200);
      const parts = ['FROM node:20 AS base\n'];
      for (let i = 0; i < count; i++) parts.push(stage(i));
      return parts.join('');
    },
  },
  {
    // Code the parser cannot reach past: what comes before must still be analyzed.
    name: 'code, then deep nesting',
    make: (r, seeds) => {
      const depth = 300 + Math.floor(r() * 3000);
      const [open, close] = pick(r, [
        ['(', ')'],
        ['[', ']'],
        ['{a:', '}'],
      ] as const);
      return `${pick(r, seeds)}\nconst v = ${open.repeat(depth)}1${r() < 0.7 ? close.repeat(depth) : ''};\n`;
    },
  },
  {
    name: '100,000 lines',
    make: (r, seeds) => {
      const line =
        pick(r, seeds)
          .split('\n')
          .find((l) => l.trim().length > 10) ?? 'const a = 1;';
      return Array.from({ length: 100000 }, () => line).join(pick(r, ['\n', '\r\n', '\r']));
    },
  },
  {
    name: 'one 1 MB line',
    make: (r) => pick(r, ["const a = '", 'add_header X "', 'RUN echo ', '{"rules": "']) + 'a'.repeat(1024 * 1024),
  },
  {
    name: 'mixed line endings, BOM and NUL',
    make: (r, seeds) => {
      const s = pick(r, seeds).replace(/\n/g, () => pick(r, ['\n', '\r\n', '\r', '\n\r']));
      return (r() < 0.5 ? '\uFEFF' : '') + s + (r() < 0.3 ? '\u0000' : '');
    },
  },
];

export interface Failure {
  generator: string;
  target: string;
  message: string;
  input: string;
}

function checkRange(range: Range, lines: LineIndex, text: string): boolean {
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const back = lines.positionAt(start);
  return (
    start <= end && end <= text.length && back.line === range.start.line && back.character === range.start.character
  );
}

function overlapping(findings: Finding[]): string | undefined {
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      const sorted = [...fix.edits].sort(
        (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
      );
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1].range.end;
        const next = sorted[i].range.start;
        if (prev.line > next.line || (prev.line === next.line && prev.character > next.character))
          return `${finding.ruleId}: fix '${fix.title}' has overlapping edits`;
      }
    }
  }
  return undefined;
}

/**
 * Runs one input through one target; returns a failure description or undefined. A run over the
 * time budget is repeated, up to three runs in all: a garbage collection, code the JIT has not
 * compiled yet or a busy CI core is not a hang, and a hang is over budget every time.
 */
export function runOne(target: (typeof targets)[number], text: string): string | undefined {
  let result = runTimed(target, text);
  for (let retry = 0; retry < 2 && result?.startsWith('took '); retry++) result = runTimed(target, text);
  return result;
}

/** 200 ms plus 2 s for every MB analyzed. */
function budgetFor(bytes: number): number {
  return 200 + (2000 * bytes) / (1024 * 1024);
}

function runTimed(target: (typeof targets)[number], text: string): string | undefined {
  let floorMs = 0;
  if (target.kind === 'typescript' && text.length > 256 * 1024) {
    // Nothing analyzes TypeScript faster than TypeScript parses it (error recovery with
    // spelling suggestions is slow on garbage): allow three times its own parse.
    const parseStarted = cpuMs();
    ts.createSourceFile(target.path, text, ts.ScriptTarget.Latest, true);
    floorMs = 3 * (cpuMs() - parseStarted);
  }
  // The input is analyzed, and then the text every fix produced: the budget counts both.
  let analyzedBytes = text.length;
  const started = cpuMs();
  try {
    if (target.kind === 'config') {
      parseProjectConfig(text, ruleIds);
    } else {
      const result = analyze({
        path: target.path,
        text,
        companions: target.kind === 'dockerfile' ? { 'Dockerfile.dockerignore': null, '.dockerignore': null } : {},
      });
      // A rule that fails on an input leaves the file unchecked for it (and its error message
      // once repeated the document).
      // Nor may the analysis give a file up (800 nested parentheses once hid a whole file).
      if (result.failed) return `analysis failed: ${result.skipped ?? ''}`;
      if (result.ruleErrors.length > 0)
        return `rule errors: ${result.ruleErrors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`;
      if (!result.skipped) {
        const lines = new LineIndex(text);
        for (const finding of result.findings) {
          if (!checkRange(finding.range, lines, text)) return `${finding.ruleId}: finding range outside the document`;
          for (const fix of finding.fixes)
            for (const edit of fix.edits)
              if (!checkRange(edit.range, lines, text))
                return `${finding.ruleId}: fix '${fix.title}' edits outside the document`;
        }
        const overlap = overlapping(result.findings);
        if (overlap) return overlap;
        // Apply every fix together (as fix-all would) and analyze the result again.
        const fixed = applyTextEdits(text, combineFixes(result.findings.flatMap((f) => f.fixes)));
        analyze({ path: target.path, text: fixed });
        analyzedBytes += fixed.length;
      }
    }
  } catch (error) {
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  const elapsed = cpuMs() - started;
  const budgetMs = Math.max(floorMs, budgetFor(analyzedBytes));
  if (elapsed > budgetMs)
    return `took ${elapsed.toFixed(0)} ms of CPU (budget ${budgetMs.toFixed(0)} ms for ${(text.length / 1024).toFixed(0)} KB)`;
  return undefined;
}

/** Loads lazily loaded data (the nginx reference) and warms the JIT before anything is timed. */
export function warmUp(): void {
  const seeds = corpus().slice(0, 20);
  for (const target of targets) for (const text of seeds) runOne(target, text);
}

export interface FuzzReport {
  inputs: number;
  byGenerator: Record<string, number>;
  failures: Failure[];
}

/** The inputs of a seed, generators round-robin: the nth is the same on every run, so an input that hung is made again from its number. */
export function* inputs(seed: number): IterableIterator<{ index: number; generator: string; input: string }> {
  const rand = random(seed);
  const seeds = corpus();
  for (let index = 0; ; index++) {
    const generator = generators[index % generators.length];
    yield { index, generator: generator.name, input: generator.make(rand, seeds) };
  }
}

/** The input `inputs(seed)` makes at `index`. */
export function inputAt(seed: number, index: number): { generator: string; input: string } {
  for (const made of inputs(seed)) if (made.index === index) return made;
  throw new Error('unreachable');
}

export interface FuzzOptions {
  /** Start at this input of the sequence (the ones before are made, to keep the sequence, but not run). */
  from?: number;
  /** Called before each run of an input on a target. */
  onInput?: (index: number, target: string) => void;
  /** Called on each failure, as it happens. */
  onFailure?: (failure: Failure) => void;
}

/** Runs the inputs of `seed` on every target until `deadline` (ms since epoch) or `maxInputs`. */
export function fuzz(seed: number, deadline: number, maxInputs = Infinity, options: FuzzOptions = {}): FuzzReport {
  const report: FuzzReport = { inputs: 0, byGenerator: {}, failures: [] };
  warmUp();
  for (const { index, generator, input } of inputs(seed)) {
    if (report.inputs >= maxInputs || Date.now() >= deadline) break;
    if (index < (options.from ?? 0)) continue;
    for (const target of targets) {
      options.onInput?.(index, target.path);
      const message = runOne(target, input);
      report.inputs++;
      report.byGenerator[generator] = (report.byGenerator[generator] ?? 0) + 1;
      if (message) {
        const failure = { generator, target: target.path, message, input };
        report.failures.push(failure);
        options.onFailure?.(failure);
      }
    }
  }
  return report;
}

/**
 * Writes a failing input into `dir` (gzip: inputs can be megabytes) under the name the replay
 * expects, and returns its path: in regressionsDir, npm test replays it forever after.
 */
export function saveInput(failure: Pick<Failure, 'target' | 'input'>, dir: string): string {
  const hash = createHash('sha256').update(failure.input).digest('hex').slice(0, 12);
  const path = join(dir, `${hash}.${failure.target.replace(/[^A-Za-z0-9.]/g, '_')}.txt.gz`);
  writeFileSync(path, gzipSync(failure.input));
  return path;
}

/** Saved regression inputs with the target each failed on. */
export function regressions(): Array<{ name: string; target: (typeof targets)[number]; input: string }> {
  return readdirSync(regressionsDir)
    .filter((name) => name.endsWith('.txt.gz'))
    .map((name) => ({
      name,
      target: targets.find((t) => name.includes(`.${t.path.replace(/[^A-Za-z0-9.]/g, '_')}.`)) ?? targets[0],
      input: gunzipSync(readFileSync(join(regressionsDir, name))).toString('utf8'),
    }));
}
