// What a path says about a file, independent of its language.
import { compileGlob, type GlobMatcher } from './glob';

/** Test, spec, fixture and mock files: secrets there are usually fakes. */
export function isTestPath(path: string): boolean {
  return /(?:^|[/\\])(?:tests?|__tests__|spec|specs|fixtures?|__fixtures__|__mocks__|mocks?|testdata|e2e)(?:[/\\])|\.(?:test|spec|e2e|stories)\.[cm]?[jt]sx?$/i.test(
    path,
  );
}

/** The last segment of a path (POSIX or Windows separators) or of a URI. */
export function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The folder part of a project-relative POSIX path (`''` for a file at the root). */
export function folderPath(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/**
 * A shell glob of one path (`*` and `?` stop at `/`, `[…]` and `[!…]` classes) as a matcher that
 * never backtracks (core/glob.ts); undefined when the class cannot be one (`[z-a]`). nginx
 * includes and Dockerfile COPY sources use the same globbing.
 */
export function globMatcher(pattern: string): GlobMatcher | undefined {
  return compileGlob(pattern);
}
