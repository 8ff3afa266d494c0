// Presence checks, types, lengths, constant-time compares and lexer tokens.
import crypto from 'node:crypto';

enum SyntaxKind { Identifier, Keyword }

export function present(apiKey: string | undefined) {
  // ok: ts/api-key-timing-compare
  if (apiKey === undefined || apiKey === '') return false;
  // ok: ts/api-key-timing-compare
  if (typeof apiKey !== 'string') return false;
  return true;
}

export function lengths(token: string, expected: string) {
  // ok: ts/api-key-timing-compare
  return token.length === expected.length && crypto.timingSafeEqual(Buffer.from(token), Buffer.from(expected));
}

export function lexer(token: SyntaxKind) {
  // ok: ts/api-key-timing-compare
  return token === SyntaxKind.Keyword;
}

export function paging(nextPageToken: string, previousPageToken: string) {
  // ok: ts/api-key-timing-compare
  return nextPageToken === previousPageToken;
}

export function kind(token: { type: string }) {
  // ok: ts/api-key-timing-compare
  return token.type === 'Bearer';
}

interface Signature { parameters: string[] }
export function typeChecker(signature: Signature, resolvedSignature: Signature) {
  // ok: ts/api-key-timing-compare
  return signature === resolvedSignature;
}
