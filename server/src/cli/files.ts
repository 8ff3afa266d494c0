// Finding and reading the files to scan: directory walk with .gitignore and the project
// config's ignore list, size and binary checks, and text decoding with BOMs.
import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME } from '../engine/config';
import { languageOf } from '../engine/analyze';
import { IgnoreRules } from '../engine/ignore';

/** Folders never scanned: dependencies, VCS data and build output. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'coverage', '.next', '.nuxt', '.turbo', '.cache', '.vscode-test']);

export interface ScanTarget {
  absolutePath: string;
}

export interface WalkNote {
  path: string;
  reason: string;
}

interface IgnoreLevel {
  base: string;
  rules: IgnoreRules;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function readGitignore(dir: string): IgnoreRules | undefined {
  try {
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    const rules = IgnoreRules.fromText(text);
    return rules.isEmpty ? undefined : rules;
  } catch {
    return undefined;
  }
}

function isIgnored(levels: readonly IgnoreLevel[], absolutePath: string, isDirectory: boolean): boolean {
  let decision: boolean | undefined;
  for (const level of levels) {
    const rel = toPosix(relative(level.base, absolutePath));
    if (rel === '' || rel.startsWith('..')) continue;
    const d = level.rules.decide(rel, isDirectory);
    if (d !== undefined) decision = d;
  }
  return decision === true;
}

/**
 * Supported files under `root` (a file or a folder), in a stable sorted order. A file named
 * explicitly is scanned even if .gitignore lists it; inside folders .gitignore files apply at
 * every level, as in git.
 */
export function collectFiles(root: string, notes: WalkNote[]): string[] {
  const absoluteRoot = resolve(root);
  const stats = statSync(absoluteRoot);
  if (stats.isFile()) return [absoluteRoot];
  const files: string[] = [];
  const levels: IgnoreLevel[] = [];
  // .gitignore files above the scanned folder, up to the repository root, still apply.
  for (let dir = dirname(absoluteRoot), previous = ''; dir !== previous; previous = dir, dir = dirname(dir)) {
    const rules = readGitignore(dir);
    if (rules) levels.unshift({ base: dir, rules });
    if (existsQuietly(join(dir, '.git'))) break;
  }
  walk(absoluteRoot, levels, files, notes);
  return files;
}

function existsQuietly(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function walk(dir: string, parentLevels: IgnoreLevel[], files: string[], notes: WalkNote[]): void {
  const own = readGitignore(dir);
  const levels = own ? [...parentLevels, { base: dir, rules: own }] : parentLevels;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    notes.push({ path: dir, reason: `cannot read folder (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue; // never follow links: no cycles, no escaping the tree
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name) || isIgnored(levels, path, true)) continue;
      walk(path, levels, files, notes);
    } else if (entry.isFile()) {
      if (entry.name === CONFIG_FILE_NAME || !languageOf(path.split(sep).join('/'))) continue;
      if (isIgnored(levels, path, false)) continue;
      files.push(path);
    }
  }
}

/** The folder holding the nearest `.blah-security.json` at or above `start`, if any. */
export function findConfigRoot(start: string): string | undefined {
  let dir = resolve(start);
  try {
    if (statSync(dir).isFile()) dir = dirname(dir);
  } catch {
    return undefined;
  }
  for (let previous = ''; dir !== previous; previous = dir, dir = dirname(dir)) {
    if (existsQuietly(join(dir, CONFIG_FILE_NAME))) return dir;
  }
  return undefined;
}

export type ReadResult = { text: string } | { skipped: string };

/** Reads a file as text, or says why it is skipped (too large, binary, unreadable). */
export function readSourceFile(path: string, maxFileSize: number): ReadResult {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    return { skipped: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (stats.size > maxFileSize) return { skipped: `larger than the ${Math.round(maxFileSize / 1024)} KB limit (${Math.round(stats.size / 1024)} KB)` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { skipped: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  return decodeSource(bytes);
}

/** UTF-8 (BOM stripped) or UTF-16 with a BOM; content with NUL bytes is binary. */
export function decodeSource(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { skipped: 'binary content (NUL bytes)' };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: new TextDecoder('utf-8').decode(bytes.subarray(start)) };
}
