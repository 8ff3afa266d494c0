// Loads the shared TypeScript compiler (dist/typescript.js) for the node bundles, with a V8 code
// cache: compiling its 9 MB was ~250 ms of every start of the analysis worker and of the CLI;
// from the cache it takes ~80 ms. The cache is written once, after the first analysis (so the
// functions that analysis compiled are in it), into a directory only this user can write: V8
// checks a cache against the source's length, its own version and flags, not the source's
// content, so whoever can write the cache can run code in this process.
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
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type ts from 'typescript';

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

interface Loaded {
  compiler: typeof ts;
  script: Script;
  cacheFile: string | undefined;
  /** Whether a usable cache was found (then nothing needs writing). */
  fromCache: boolean;
  saved: boolean;
}

let loaded: Loaded | undefined;

/**
 * The compiler at `path` (once per thread), compiled from the code cache in `cacheDir` when one
 * is there and V8 accepts it. Any failure of the cache falls back to compiling the source.
 */
export function loadTypeScript(
  path: string = join(__dirname, 'typescript.js'),
  cacheDir: string | undefined = defaultCacheDir(),
): typeof ts {
  if (loaded) return loaded.compiler;
  const source = readFileSync(path, 'utf8');
  // `''`: no cache (an undefined argument means the default folder).
  const usable = cacheDir !== undefined && cacheDir !== '' && isPrivateDirectory(cacheDir);
  const cacheFile = usable ? join(cacheDir, cacheName(source)) : undefined;
  const cachedData = cacheFile ? readPrivateFile(cacheFile) : undefined;
  // The same wrapper node gives a CommonJS module; the compiler's own requires (fs, path, …) are node's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: path,
    cachedData,
  });
  const module = { exports: {} as typeof ts };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run(module.exports, createRequire(path), module, path, dirname(path));
  loaded = {
    compiler: module.exports,
    script,
    cacheFile,
    fromCache: cachedData !== undefined && script.cachedDataRejected === false,
    saved: false,
  };
  return loaded.compiler;
}

/**
 * Writes the code cache if this thread loaded the compiler without one. Called after the first
 * analysis; later calls do nothing. Written beside and renamed into place, so a reader never sees
 * half a file, and several workers writing at once each write a whole one.
 */
export function saveTypeScriptCache(): void {
  if (!loaded || loaded.saved || loaded.fromCache || !loaded.cacheFile) return;
  loaded.saved = true;
  try {
    const temporary = `${loaded.cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, loaded.script.createCachedData(), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, loaded.cacheFile);
  } catch {
    // A cache that cannot be written only costs the next start its time.
  }
}

/** Whether this thread's compiler came from the code cache (for tests and the bench). */
export function typeScriptCacheState(): { loaded: boolean; fromCache: boolean; cacheFile?: string } {
  return { loaded: loaded !== undefined, fromCache: loaded?.fromCache ?? false, cacheFile: loaded?.cacheFile };
}

/**
 * One cache per compiler build and runtime: the file's size and a digest of its first and last
 * 64 KB (a release changes both), node's V8 version and the architecture.
 */
function cacheName(source: string): string {
  const digest = createHash('sha256')
    .update(String(source.length))
    .update(source.slice(0, 65536))
    .update(source.slice(-65536))
    .update(process.versions.v8)
    .update(process.arch)
    .digest('hex')
    .slice(0, 24);
  return `typescript-${digest}.v8cache`;
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
