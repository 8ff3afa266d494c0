// Loads a CommonJS file of ours (the shared compiler, the CLI's bundle) with a V8 code cache:
// compiling the compiler's 9 MB was ~250 ms of every start of the analysis worker and of the CLI,
// from the cache ~80 ms; the CLI's own 1 MB bundle costs a small scan ~15% of its time without
// one. A cache is written once, after the work it should speed up (so the functions that work
// compiled are in it), into a directory only this user can write: V8 checks a cache against the
// source's length, its own version and flags, not the source's content, so whoever can write the
// cache can run code in this process.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isAscii } from 'node:buffer';

/** Where the cache lives: BLAH_SECURITY_CACHE_DIR (empty: no cache), else the user's cache folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.BLAH_SECURITY_CACHE_DIR;
  if (configured !== undefined) return configured === '' ? undefined : configured;
  if (process.platform === 'win32')
    return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'blah-security', 'cache') : undefined;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  return base ? join(base, 'blah-security') : undefined;
}

/** Whether `dir` exists (created 0700 if not), is a directory of this user, and nobody else can write it. */
export function isPrivateDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = statSync(dir);
    if (!stats.isDirectory()) return false;
    if (process.platform === 'win32') return true;
    return stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

export interface CachedModule<T> {
  exports: T;
  /** Whether a usable cache was found (then nothing needs writing). */
  fromCache: boolean;
  cacheFile: string | undefined;
  /**
   * Writes the cache if the module was compiled without one; later calls do nothing. Written
   * beside and renamed into place, so a reader never sees half a file, and several threads
   * writing at once each write a whole one.
   */
  save(): void;
}

export interface LoadOptions {
  /** The cache folder; undefined or '' for none. */
  cacheDir: string | undefined;
  /**
   * What the cache's name digests: 'whole' the whole source (our bundles: a rebuild may keep the
   * length and change the middle), 'ends' its length and first and last 64 KB (the 9 MB compiler,
   * whose release changes both; hashing all of it would cost ~25 ms of every start).
   */
  digest: 'whole' | 'ends';
}

/** Runs the CommonJS file at `path` as node would, compiled from the code cache when V8 accepts one. */
export function loadCommonJs<T>(path: string, options: LoadOptions): CachedModule<T> {
  const bytes = readFileSync(path);
  // Pure ASCII (the compiler is, and esbuild writes ASCII): latin1 is the same text, decoded in
  // half the time of utf8 (~7 ms for the compiler).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const dir = options.cacheDir;
  const usable = dir !== undefined && dir !== '' && isPrivateDirectory(dir);
  const cacheFile = usable ? join(dir, cacheName(basename(path), source, options.digest)) : undefined;
  const cachedData = cacheFile ? readPrivateFile(cacheFile) : undefined;
  // The same wrapper node gives a CommonJS module; the file's own requires are node's, from its folder.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: path,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run(module.exports, createRequire(path), module, path, dirname(path));
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  let saved = fromCache || cacheFile === undefined;
  return {
    exports: module.exports,
    fromCache,
    cacheFile,
    save(): void {
      if (saved || !cacheFile) return;
      saved = true;
      try {
        const temporary = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600, flag: 'wx' });
        renameSync(temporary, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next start its time.
      }
    },
  };
}

/** One cache per file build and runtime: a digest of the source, node's V8 version and the architecture. */
function cacheName(file: string, source: string, digest: 'whole' | 'ends'): string {
  const hash = createHash('sha256').update(String(source.length));
  if (digest === 'whole') hash.update(source);
  else hash.update(source.slice(0, 65536)).update(source.slice(-65536));
  const name = hash.update(process.versions.v8).update(process.arch).digest('hex').slice(0, 24);
  return `${file.replace(/\.js$/, '').replace(/[^a-z0-9-]/gi, '_')}-${name}.v8cache`;
}

/** The file's bytes if it is a regular file of this user that nobody else can write. */
function readPrivateFile(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    if (process.platform !== 'win32' && (stats.uid !== process.getuid?.() || (stats.mode & 0o022) !== 0))
      return undefined;
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < stats.size) {
      const n = readSync(fd, buffer, read, stats.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === stats.size ? buffer : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
