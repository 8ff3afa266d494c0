// The part of Node's Buffer that the web server bundle's dependencies call, for a worker that has
// no Buffer: dockerfile-ast tests a Dockerfile's first character for a UTF-8 byte order mark with
// `Buffer.from(char, 'UTF-8')`, on every parse. esbuild injects this module for the web server build only and
// replaces `Buffer.from` with it there, so a use it does not implement fails with a message that
// names it, not as a ReferenceError. TextEncoder encodes as Node does, a lone surrogate included
// (as U+FFFD, EF BF BD).
export function browserBufferFrom(value: unknown, encoding: unknown = 'utf8'): Uint8Array {
  if (typeof value !== 'string' || typeof encoding !== 'string' || !/^utf-?8$/i.test(encoding)) {
    throw new TypeError(
      `Buffer.from(${typeof value}, ${String(encoding)}) is not available in the browser build (only UTF-8 text)`,
    );
  }
  return new TextEncoder().encode(value);
}
