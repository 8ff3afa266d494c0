// Finding and reading the files to scan: directory walk with .gitignore and the project
// config's ignore list, size and binary checks, and text decoding with BOMs.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, type ProjectConfig } from '../core/config';
import { isTrustedFolder, readRegularFileSync } from '../host/readFile';
import { walkProject, type WalkHost, type WalkOptions } from '../host/workspaceWalk';

export interface WalkNote {
  path: string;
  reason: string;
  /** The file or folder should have been analyzed and could not be read: the scan must not pass. */
  failed?: true;
}

/** The node file system, for the shared project walk. */
export const nodeWalkHost: WalkHost = {
  async readDirectory(location) {
    // Names as bytes: one that is not UTF-8 has no string path to open it by (decoded, it names
    // another file), so it is listed as unreadable, by a printable form of its bytes.
    return readdirSync(location, { withFileTypes: true, encoding: 'buffer' }).map((e) => {
      const type = e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other';
      const name = utf8Name(e.name);
      return name !== undefined
        ? { name, type }
        : { name: escapedName(e.name), type, unreadable: 'cannot read: its name is not valid UTF-8' };
    });
  },
  // A .gitignore (or nested configuration) larger than 2 MB, or not a regular file, reads as absent.
  async readText(location) {
    const read = readRegularFileSync(location, DEFAULT_MAX_FILE_SIZE);
    return 'bytes' in read ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(read.bytes) : undefined;
  },
  join: (folder, name) => join(folder, name),
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8Name(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A name's bytes with every byte outside printable ASCII as `\xNN`. */
function escapedName(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes)
    out +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

export interface CollectedFiles {
  /** Source files to analyze (absolute paths), in a stable sorted order. */
  files: string[];
  /** Project files (.env, package.json, lockfiles, CI configuration): absolute and root-relative. */
  projectFiles: Array<{ absolute: string; path: string; gitIgnored?: boolean }>;
  gitIgnored: Record<string, boolean>;
  /** Configuration files found below the root (absolute paths). */
  configs: Array<{ location: string; config: ProjectConfig }>;
}

/**
 * Supported files under `root` (a file or a folder). A file named explicitly is scanned even if
 * .gitignore lists it; inside folders .gitignore files apply at every level, as in git, and
 * .gitignore files above the folder up to the repository root still apply.
 */
export async function collectFiles(
  root: string,
  notes: WalkNote[],
  options: Pick<WalkOptions, 'exclude' | 'rootConfig' | 'readConfig'> = {},
  overlay?: ReadonlyMap<string, string>,
): Promise<CollectedFiles> {
  const absoluteRoot = resolve(root);
  const stats = statSync(absoluteRoot);
  if (stats.isFile()) return { files: [absoluteRoot], projectFiles: [], gitIgnored: {}, configs: [] };
  // Texts that stand for files (--fix-dry-run's fixed .gitignore) are what the walk reads of them.
  const host: WalkHost = overlay
    ? { ...nodeWalkHost, readText: async (location) => overlay.get(location) ?? nodeWalkHost.readText(location) }
    : nodeWalkHost;
  // .gitignore files above the folder count only inside its repository (up to the folder with
  // .git), and only in folders of this user that nobody else may write: not in /tmp, not in
  // another user's folder. Outside a repository the scanned folder is the project's root.
  const outerGitignores: Array<{ text: string; rootPrefix: string }> = [];
  if (!existsQuietly(join(absoluteRoot, '.git'))) {
    const above: string[] = [];
    let inRepository = false;
    for (
      let dir = dirname(absoluteRoot), previous = absoluteRoot;
      dir !== previous;
      previous = dir, dir = dirname(dir)
    ) {
      if (!isTrustedFolder(dir)) break;
      above.push(dir);
      if ((inRepository = existsQuietly(join(dir, '.git')))) break;
    }
    for (const dir of inRepository ? above : []) {
      const text = await host.readText(join(dir, '.gitignore'));
      if (text !== undefined) outerGitignores.unshift({ text, rootPrefix: toPosix(relative(dir, absoluteRoot)) });
    }
  }
  const walked = await walkProject(absoluteRoot, host, { outerGitignores, ...options });
  for (const note of walked.notes)
    notes.push({ path: note.location, reason: note.reason, ...(note.failed ? { failed: true as const } : {}) });
  return {
    files: walked.sources.map((f) => f.location),
    projectFiles: walked.projectFiles.map((f) => ({
      absolute: f.location,
      path: f.path,
      ...(f.gitIgnored ? { gitIgnored: true } : {}),
    })),
    gitIgnored: walked.gitIgnored,
    configs: walked.configs.map((c) => ({ location: c.location, config: c.config })),
  };
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function existsQuietly(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export type ReadResult = { text: string } | { skipped: string; failed?: true };

/**
 * Read errors of a file the walk listed that are not the file's own choice: it exists but cannot
 * be read (permissions, I/O, a name the system refuses). Such a file was not checked, and a scan
 * must not pass it. A file gone since the walk (ENOENT) or one skipped on purpose (too large,
 * binary, not a regular file) is only skipped.
 */
export function isReadFailure(code: string): boolean {
  return code !== 'ENOENT' && code !== 'not-a-file' && code !== 'too-large';
}

/**
 * Reads a file as text, or says why it is skipped (too large, binary, unreadable, not a regular
 * file: a FIFO or a device is never opened, host/readFile.ts).
 */
export function readSourceFile(path: string, maxFileSize: number): ReadResult {
  const read = readRegularFileSync(path, maxFileSize);
  if ('bytes' in read) return decodeSource(read.bytes);
  return isReadFailure(read.code) ? { skipped: read.skipped, failed: true } : { skipped: read.skipped };
}

/** UTF-8 (BOM stripped) or UTF-16 with a BOM; content with NUL bytes is binary. */
export function decodeSource(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { skipped: 'binary content (NUL bytes)' };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: new TextDecoder('utf-8').decode(bytes.subarray(start)) };
}
