// URI arithmetic the server needs, on URI strings (no node `path`, so it also runs in a web worker).

/** The folder URI of a document URI. */
export function parentUri(uri: string): string {
  const at = uri.lastIndexOf('/');
  return at > uri.indexOf('://') + 2 ? uri.slice(0, at) : uri;
}

export function joinUri(folder: string, name: string): string {
  return folder.replace(/\/$/, '') + '/' + name.split('/').map(encodeURIComponent).join('/');
}

/** `name` (a relative path, `..` allowed) resolved against `folder`, with `.` and `..` segments folded. */
export function resolveUri(folder: string, name: string): string {
  const joined = joinUri(folder, name);
  const at = joined.indexOf('://');
  const rootEnd = at < 0 ? 0 : joined.indexOf('/', at + 3);
  if (rootEnd < 0) return joined;
  const out: string[] = [];
  for (const segment of joined.slice(rootEnd + 1).split('/')) {
    if (segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `${joined.slice(0, rootEnd)}/${out.join('/')}`;
}

/** Whether `uri` is `folder` or inside it. */
export function isInside(uri: string, folder: string): boolean {
  const base = folder.replace(/\/$/, '');
  return uri === base || uri.startsWith(base + '/');
}

/** Decoded POSIX path of `uri` relative to `folder` (which must contain it). */
export function relativePath(folder: string, uri: string): string {
  const base = folder.replace(/\/$/, '');
  return uri
    .slice(base.length + 1)
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** The decoded path part of a URI, for files outside every workspace folder. */
export function uriPath(uri: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(uri);
  const path = match?.[1] ?? uri;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
