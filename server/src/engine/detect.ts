// Which language a file is: the editor's language id first, then the project's `languages`
// mapping, then the adapters' claims: a name that makes a language certain, else a candidate
// name whose content the adapter confirms (a `*.conf` may be nginx, supervisord or Apache).
import type { LanguageId } from '../core/rule';
import { adapters } from './adapters';

/** The reason a file the engine has no analyzer for is skipped. */
export const UNSUPPORTED_FILE_TYPE = 'not a supported file type';

const editorLanguages = new Map(
  adapters.flatMap((adapter) => adapter.editorLanguageIds.map((id) => [id, adapter.id] as const)),
);

/** How sure the name alone makes a language: certain, or a candidate its content must confirm. */
export function languageByName(path: string): { language: LanguageId; certain: boolean } | undefined {
  let candidate: LanguageId | undefined;
  for (const adapter of adapters) {
    const claim = adapter.claimsName(path);
    if (claim === 'certain') return { language: adapter.id, certain: true };
    if (claim === 'candidate') candidate ??= adapter.id;
  }
  return candidate ? { language: candidate, certain: false } : undefined;
}

/** Whether a walk should list the file: its name makes a language certain or possible. */
export function mayBeAnalyzed(path: string): boolean {
  return languageByName(path) !== undefined;
}

/**
 * The analysis language of a file, or undefined when the engine has none for it (or, for a
 * candidate name without `text`, cannot tell yet). `mapped` is the project's mapping for the path.
 */
export function detectLanguage(
  path: string,
  languageId?: string,
  text?: string,
  mapped?: LanguageId,
): LanguageId | undefined {
  const fromEditor = languageId !== undefined ? editorLanguages.get(languageId) : undefined;
  if (fromEditor) return fromEditor;
  if (mapped) return mapped;
  if (text === undefined) {
    const byName = languageByName(path);
    return byName?.certain ? byName.language : undefined;
  }
  let candidate: LanguageId | undefined;
  for (const adapter of adapters) {
    const claim = adapter.claimsName(path);
    if (claim === 'certain') return adapter.id;
    if (claim === 'candidate' && !candidate && adapter.claimsContent?.(text)) candidate = adapter.id;
  }
  return candidate;
}
