// --fix and --fix-dry-run: the safe fixes of a scan (the set the editor's "Fix all" applies: each
// unsuppressed finding's first fix of kind `fix`, overlapping ones left for the next pass), and the
// lines those fixes add to other files (.dockerignore, .gitignore). Only regular files inside the
// folder a file's fixes may touch (the repository, else what the scan named) are written, never
// through a symbolic link, and only files whose bytes decode and encode back unchanged.
import { closeSync, constants, lstatSync, openSync, readFileSync, realpathSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { appendLinesToText, applyTextEdits, linesToAppend, selectFixes } from '../core/edits';
import type { Fix } from '../core/rule';
import type { FileReport } from './report';

/** Passes of fix, then analyze again, at most (as ESLint's --fix). */
export const MAX_FIX_PASSES = 10;

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le';

/** How a file's bytes were text, or why its fixes are not written back. */
function encodingOf(bytes: Buffer): { encoding: Encoding; text: string } | { refused: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf16le', text: bytes.subarray(2).toString('utf16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { refused: 'UTF-16 big-endian text' };
  if (bytes.subarray(0, 8192).includes(0)) return { refused: 'binary content' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const text = body.toString('utf8');
  // Invalid UTF-8 reads as U+FFFD: writing it back would change bytes no fix touched.
  if (!Buffer.from(text, 'utf8').equals(body)) return { refused: 'not valid UTF-8' };
  return { encoding: bom ? 'utf8-bom' : 'utf8', text };
}

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

const inside = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** What is on disk at a path a fix would write: its text and encoding, nothing yet, or why not. */
export type DiskFile = { text: string; encoding: Encoding } | { absent: true } | { refused: string };

/**
 * Whether a fix may write `path`: inside `boundary` (also once symbolic links of its folders are
 * resolved), not itself a symbolic link, a regular file or not there yet (then its folder must be).
 */
export function readForFix(path: string, boundary: string): DiskFile {
  if (!inside(boundary, path)) return { refused: 'outside the project' };
  let folder: string;
  let root: string;
  try {
    folder = realpathSync(dirname(path));
    root = realpathSync(boundary);
  } catch {
    return { refused: 'its folder does not exist' };
  }
  if (!inside(root, folder)) return { refused: 'its folder leads outside the project' };
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { absent: true };
  }
  if (stats.isSymbolicLink()) return { refused: 'a symbolic link' };
  if (!stats.isFile()) return { refused: 'not a regular file' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { refused: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const decoded = encodingOf(bytes);
  return 'refused' in decoded ? decoded : { text: decoded.text, encoding: decoded.encoding };
}

export interface PlannedChange {
  /** The text before the fixes (undefined: the file is created). */
  before: string | undefined;
  after: string;
  encoding: Encoding;
  /** The folder the file must stay inside (checked again when written). */
  boundary: string;
}

/**
 * The files one pass of safe fixes changes, with their new text. `current` gives the text a file
 * has now (what the scan analyzed: the disk, or --fix-dry-run's texts of earlier passes).
 */
/** `refused` paths are absolute. */
export function planFixes(
  files: readonly FileReport[],
  current: (path: string, boundary: string) => DiskFile,
): { changes: Map<string, PlannedChange>; refused: Array<{ path: string; reason: string }> } {
  const changes = new Map<string, PlannedChange>();
  const refused: Array<{ path: string; reason: string }> = [];
  const appends: Array<{ fix: Fix; base: string; boundary: string }> = [];
  const read = (path: string, boundary: string): DiskFile => {
    const planned = changes.get(path);
    return planned ? { text: planned.after, encoding: planned.encoding } : current(path, boundary);
  };
  for (const file of files) {
    if (!file.location) continue;
    const safe = file.findings
      .filter((f) => !f.suppressed)
      .map((f) => f.fixes.find((fix) => fix.kind === 'fix'))
      .filter((fix): fix is Fix => fix !== undefined);
    if (safe.length === 0) continue;
    const { file: path, root, boundary } = file.location;
    const { fixes, edits } = selectFixes(safe);
    if (edits.length > 0) {
      const disk = read(path, boundary);
      if ('refused' in disk || 'absent' in disk) {
        refused.push({ path, reason: 'refused' in disk ? disk.refused : 'it no longer exists' });
        continue;
      }
      const after = applyTextEdits(disk.text, edits);
      if (after !== disk.text) changes.set(path, { before: disk.text, after, encoding: disk.encoding, boundary });
    }
    for (const fix of fixes)
      if (fix.appendToFile)
        appends.push({ fix, base: fix.appendToFile.relativeTo === 'file' ? dirname(path) : root, boundary });
  }
  // Lines for other files, once every file's own edits are planned (they end up at the end of it).
  for (const { fix, base, boundary } of appends) {
    const append = fix.appendToFile!;
    const target = resolve(base, append.path);
    const disk = read(target, boundary);
    if ('refused' in disk) {
      refused.push({ path: target, reason: disk.refused });
      continue;
    }
    const existing = 'absent' in disk ? undefined : disk.text;
    const missing = linesToAppend(existing, append);
    if (missing.length === 0) continue;
    const before = changes.get(target)?.before ?? existing;
    changes.set(target, {
      before,
      after: appendLinesToText(existing, missing),
      encoding: 'absent' in disk ? 'utf8' : disk.encoding,
      boundary,
    });
  }
  return { changes, refused };
}

/** Writes a planned change, checking the place again and never following a symbolic link. */
export function writeChange(path: string, change: PlannedChange): void {
  const now = readForFix(path, change.boundary);
  if ('refused' in now) throw new Error(`not written: ${now.refused}`);
  // O_NOFOLLOW: a link put in its place since the check is not followed either (where the system has it).
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);
  const fd = openSync(path, flags, 0o644);
  try {
    writeSync(fd, encode(change.after, change.encoding));
  } finally {
    closeSync(fd);
  }
}
