// The structure the code must keep: layers that import only downwards, no import cycles, a core
// that imports nothing of ours, languages that know no rule, a client that shares only the
// protocol with the server. Read from the code's own imports (TypeScript's pre-processor).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const repo = join(__dirname, '..');
const server = join(repo, 'server', 'src');

/**
 * Rooms of server/src from the bottom up: a file may import its own room and rooms below it.
 * `protocol` and `core` import nothing of ours; lsp and cli are side by side.
 */
const layers: ReadonlyArray<readonly string[]> = (
  JSON.parse(readFileSync(join(repo, 'server', 'layers.json'), 'utf8')) as { layers: string[][] }
).layers;
const levelOf = new Map(layers.flatMap((rooms, level) => rooms.map((room) => [room, level] as const)));
const manifest = join(repo, 'package.json');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

/** Every file's imports of files of this repository (type-only imports included: they tie layers too). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => resolveImport(file, f.fileName))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

const roomOf = (file: string): string => relative(server, file).split(sep)[0];
const shown = (file: string): string => relative(repo, file).split(sep).join('/');

const serverFiles = sourceFiles(server);
const graph = importGraph([...serverFiles, ...sourceFiles(join(repo, 'client', 'src'))]);

describe('architecture', () => {
  it('puts every server file in a known room', () => {
    const unplaced = serverFiles.filter((f) => !levelOf.has(roomOf(f)));
    assert.deepEqual(unplaced.map(shown), []);
  });

  it('imports only from its own layer or the ones below', () => {
    const upward: string[] = [];
    for (const file of serverFiles) {
      const level = levelOf.get(roomOf(file))!;
      for (const target of graph.get(file) ?? []) {
        if (!target.startsWith(server + sep)) {
          // The product's own manifest (name, version) is for the outermost layers to show.
          if (target === manifest && level >= levelOf.get('lsp')!) continue;
          upward.push(`${shown(file)} -> ${shown(target)} (outside server/src)`);
          continue;
        }
        const targetRoom = roomOf(target);
        const targetLevel = levelOf.get(targetRoom)!;
        const sideways = targetLevel === level && targetRoom !== roomOf(file);
        if (targetLevel > level || sideways) upward.push(`${shown(file)} -> ${shown(target)}`);
      }
    }
    assert.deepEqual(upward, []);
  });

  it('keeps core and the protocol free of our imports, and languages free of rules and library knowledge', () => {
    const offending: string[] = [];
    for (const file of serverFiles) {
      const room = roomOf(file);
      for (const target of graph.get(file) ?? []) {
        const targetRoom = roomOf(target);
        if ((room === 'core' || room === 'protocol') && targetRoom !== room)
          offending.push(`${shown(file)} -> ${shown(target)}`);
        // One language's infrastructure does not reach into another's.
        if (
          room === 'languages' &&
          targetRoom === 'languages' &&
          relative(server, file).split(sep)[1] !== relative(server, target).split(sep)[1]
        )
          offending.push(`${shown(file)} -> ${shown(target)}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  it('lets the client import nothing of the server but the shared protocol', () => {
    const offending: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith(join(repo, 'client') + sep)) continue;
      for (const target of targets)
        if (target.startsWith(server + sep) && roomOf(target) !== 'protocol')
          offending.push(`${shown(file)} -> ${shown(target)}`);
    }
    assert.deepEqual(offending, []);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'open')
          cycles.push([...stack.slice(stack.indexOf(target)), target].map(shown).join(' -> '));
        else if (!state.has(target) && graph.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });

  it('sees the imports it judges (the graph is not empty)', () => {
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    assert.ok(edges > 300, `${edges} imports`);
  });
});
