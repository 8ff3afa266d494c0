// Reading a file of a repository that may be hostile: every file the CLI and the language server
// open (sources, .gitignore, .dockerignore, nginx includes, .blah-security.json) comes through
// here. Only regular files are read: a FIFO would block the thread forever and /dev/zero or
// /dev/urandom (whose size reads as 0) would fill the memory. So the file is checked before it is
// opened, opened with O_NONBLOCK (a FIFO swapped in meanwhile cannot block the open), checked
// again on the open descriptor, and read in chunks that stop at the byte limit, whatever size the
// file claimed.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** What the server reads of a file at most, whatever it is for (16 MB). */
export const HOST_READ_LIMIT = 16 * 1024 * 1024;

const CHUNK = 64 * 1024;
// O_NONBLOCK does not exist on Windows, where opening a named pipe does not wait for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export type BoundedRead =
  | { bytes: Uint8Array }
  /** Why nothing was read: `code` is the error's (ENOENT…), or 'not-a-file', or 'too-large'. */
  | { skipped: string; code: string; size?: number };

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';

function notAFile(stats: Stats): BoundedRead | undefined {
  if (stats.isFile()) return undefined;
  const what = stats.isFIFO()
    ? 'a named pipe'
    : stats.isCharacterDevice() || stats.isBlockDevice()
      ? 'a device'
      : stats.isSocket()
        ? 'a socket'
        : stats.isDirectory()
          ? 'a folder'
          : 'not a regular file';
  return { skipped: `not read: ${what}`, code: 'not-a-file' };
}

function tooLarge(size: number, limit: number): BoundedRead {
  return {
    skipped: `larger than the ${Math.round(limit / 1024)} KB limit (${Math.round(size / 1024)} KB)`,
    code: 'too-large',
    size,
  };
}

/** The bytes of a regular file of at most `limit` bytes, or why they were not read; never blocks on a pipe. */
export function readRegularFileSync(path: string, limit: number): BoundedRead {
  let fd: number;
  try {
    const before = notAFile(statSync(path));
    if (before) return before;
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { skipped: `cannot read (${errorCode(error)})`, code: errorCode(error) };
  }
  try {
    const stats = fstatSync(fd);
    const after = notAFile(stats);
    if (after) return after;
    if (stats.size > limit) return tooLarge(stats.size, limit);
    const chunks: Uint8Array[] = [];
    let total = 0;
    // The size is a hint: the file may grow while it is read, so the limit is kept here too.
    for (;;) {
      const chunk = new Uint8Array(Math.min(CHUNK, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) return tooLarge(total, limit);
    }
    return { bytes: concat(chunks, total) };
  } catch (error) {
    return { skipped: `cannot read (${errorCode(error)})`, code: errorCode(error) };
  } finally {
    closeSync(fd);
  }
}

/** The same without blocking the thread: the language server's main thread answers the editor. */
export async function readRegularFile(path: string, limit: number): Promise<BoundedRead> {
  let handle;
  try {
    const before = notAFile(await stat(path));
    if (before) return before;
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return { skipped: `cannot read (${errorCode(error)})`, code: errorCode(error) };
  }
  try {
    const stats = await handle.stat();
    const after = notAFile(stats);
    if (after) return after;
    if (stats.size > limit) return tooLarge(stats.size, limit);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(CHUNK, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return tooLarge(total, limit);
    }
    return { bytes: concat(chunks, total) };
  } catch (error) {
    return { skipped: `cannot read (${errorCode(error)})`, code: errorCode(error) };
  } finally {
    await handle.close();
  }
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Whether configuration in a folder above the scanned one may be read: the folder belongs to this
 * user (or to root) and nobody else may write to it. `/tmp` and another user's folder are not:
 * a `.blah-security.json` or `.gitignore` planted there must not switch a scan off. Root trusts
 * any folder others may not write: CI containers run as root on a checkout another uid owns, and
 * root could read that user's files anyway; a world-writable folder (`/tmp`) stays untrusted.
 * Always true where the platform has no user ids (Windows).
 */
export function isTrustedFolder(path: string): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return true;
  try {
    const stats = statSync(path);
    const owner = uid === 0 || stats.uid === uid || stats.uid === 0;
    return stats.isDirectory() && owner && (stats.mode & 0o002) === 0;
  } catch {
    return false;
  }
}
