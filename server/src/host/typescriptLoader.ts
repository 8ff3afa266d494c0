// Loads the shared TypeScript compiler (dist/typescript.js) for the node bundles, with a V8 code
// cache (host/codeCache.ts). The cache is written after the first analysis, so the functions that
// analysis compiled are in it.
import { join } from 'node:path';
import type ts from 'typescript';
import { defaultCacheDir, loadCommonJs, type CachedModule } from './codeCache';

export { defaultCacheDir, isPrivateDirectory } from './codeCache';

let loaded: CachedModule<typeof ts> | undefined;

/**
 * The compiler at `path` (once per thread), compiled from the code cache in `cacheDir` when one
 * is there and V8 accepts it. Any failure of the cache falls back to compiling the source.
 */
export function loadTypeScript(
  path: string = join(__dirname, 'typescript.js'),
  cacheDir: string | undefined = defaultCacheDir(),
): typeof ts {
  loaded ??= loadCommonJs<typeof ts>(path, { cacheDir, digest: 'ends' });
  return loaded.exports;
}

/** Writes the code cache if this thread loaded the compiler without one. Later calls do nothing. */
export function saveTypeScriptCache(): void {
  loaded?.save();
}

/** Whether this thread's compiler came from the code cache (for tests and the bench). */
export function typeScriptCacheState(): { loaded: boolean; fromCache: boolean; cacheFile?: string } {
  return { loaded: loaded !== undefined, fromCache: loaded?.fromCache ?? false, cacheFile: loaded?.cacheFile };
}
