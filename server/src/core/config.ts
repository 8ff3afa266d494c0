// Project configuration (`.blah-security.json`, JSONC) merged with editor settings.
// Every problem in the file becomes a located message; nothing here throws on bad input.
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import { IgnoreRules } from './ignore';
import { configuredSeverities, type ConfiguredSeverity, type LanguageId } from './rule';

export const CONFIG_FILE_NAME = '.blah-security.json';
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/**
 * The largest configuration file read (1 MB, far above any real one): a committed file is
 * untrusted, and parsing and checking a 100 MB one would stall the editor.
 */
export const MAX_CONFIG_SIZE = 1024 * 1024;
/** Unknown rule ids reported one by one; beyond, one warning counts the rest. */
export const MAX_UNKNOWN_RULE_WARNINGS = 50;
/** Ids longer than this get no "did you mean" (no rule id is nearly as long). */
const MAX_SUGGESTED_ID_LENGTH = 80;

export interface ProjectConfig {
  rules: Record<string, ConfiguredSeverity>;
  ignore: string[];
  /** Container registries (host, or host/namespace) trusted besides the built-in list. */
  trustedRegistries: string[];
  /** Files of a language the name does not tell (`"deploy/*.tmpl": "nginx"`), in order; the last match wins. */
  languages: Array<{ pattern: string; language: LanguageId }>;
  /** Configuration files in folders above this one do not apply (as ESLint's `root`). */
  root?: boolean;
}

/** The languages a project may map files to. */
export const MAPPABLE_LANGUAGES: readonly LanguageId[] = ['typescript', 'dockerfile', 'nginx'];

export interface ConfigProblem {
  message: string;
  severity: 'error' | 'warning';
  start: number;
  end: number;
  /** What to write over `start`..`end` to repair it (the closest rule id for an unknown one). */
  replacement?: { title: string; text: string };
}

export interface ParsedProjectConfig {
  config: ProjectConfig;
  problems: ConfigProblem[];
}

export interface ResolvedConfig {
  /** A severity for every rule the user configured; rules not listed keep their default. */
  severities: Readonly<Record<string, ConfiguredSeverity>>;
  ignore: IgnoreRules;
  maxFileSize: number;
  trustedRegistries: readonly string[];
  /** The language the project maps `path` to (`languages`), if any. */
  languageOf(path: string): LanguageId | undefined;
}

const knownKeys = new Set(['$schema', 'root', 'rules', 'ignore', 'trustedRegistries', 'languages']);

export function emptyProjectConfig(): ProjectConfig {
  return { rules: {}, ignore: [], trustedRegistries: [], languages: [] };
}

function isConfiguredSeverity(value: unknown): value is ConfiguredSeverity {
  return typeof value === 'string' && (configuredSeverities as readonly string[]).includes(value);
}

/** Parses and validates a project config. Unknown rule ids get a "did you mean". */
/** Deeper JSON than any real config; jsonc-parser recurses per level and would overflow the stack. */
const MAX_CONFIG_DEPTH = 64;

/** The first offset where JSON brackets nest deeper than `limit` (strings skipped), if any. */
export function nestingDepthExceeds(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > limit) return i;
    } else if (c === '}' || c === ']') depth--;
  }
  return undefined;
}

export function parseProjectConfig(text: string, knownRuleIds: readonly string[]): ParsedProjectConfig {
  const config = emptyProjectConfig();
  const problems: ConfigProblem[] = [];
  const errors: ParseError[] = [];
  if (text.length > MAX_CONFIG_SIZE) {
    problems.push({
      message: `${CONFIG_FILE_NAME} ignored: larger than the ${MAX_CONFIG_SIZE / 1024} KB limit (${Math.round(text.length / 1024)} KB).`,
      severity: 'error',
      start: 0,
      end: 1,
    });
    return { config, problems };
  }
  const tooDeep = nestingDepthExceeds(text, MAX_CONFIG_DEPTH);
  if (tooDeep !== undefined) {
    problems.push({
      message: `${CONFIG_FILE_NAME} is nested more than ${MAX_CONFIG_DEPTH} levels deep; it was not read.`,
      severity: 'error',
      start: tooDeep,
      end: tooDeep + 1,
    });
    return { config, problems };
  }
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) {
    problems.push({
      message: `Invalid JSON in ${CONFIG_FILE_NAME}: ${describeParseError(printParseErrorCode(error.error))}.`,
      severity: 'error',
      start: error.offset,
      end: error.offset + Math.max(1, error.length),
    });
  }
  if (!root) {
    if (errors.length === 0 && text.trim() !== '') {
      problems.push({
        message: `${CONFIG_FILE_NAME} must contain a JSON object.`,
        severity: 'error',
        start: 0,
        end: text.length,
      });
    }
    return { config, problems };
  }
  if (root.type !== 'object') {
    problems.push({
      message: `${CONFIG_FILE_NAME} must contain a JSON object.`,
      severity: 'error',
      start: root.offset,
      end: root.offset + root.length,
    });
    return { config, problems };
  }
  for (const property of root.children ?? []) {
    const [keyNode] = property.children ?? [];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    const key = keyNode.value;
    if (!knownKeys.has(key)) {
      problems.push({
        ...spanOf(keyNode),
        severity: 'warning',
        message: `Unknown setting "${key}" in ${CONFIG_FILE_NAME}; expected "root", "rules", "ignore", "languages" or "trustedRegistries".`,
      });
    }
  }

  const rulesNode = findNodeAtLocation(root, ['rules']);
  if (rulesNode) {
    if (rulesNode.type !== 'object') {
      problems.push({
        ...spanOf(rulesNode),
        severity: 'error',
        message: '"rules" must be an object of rule id to "off", "info", "warning" or "error".',
      });
    } else {
      const known = new Set(knownRuleIds);
      let unknown = 0;
      for (const property of rulesNode.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string' || !valueNode) continue;
        const id = keyNode.value;
        if (isRulePattern(id)) {
          // A pattern that names no rule is a mistake too (a misspelt family); one that does is valid.
          if (!knownRuleIds.some((ruleId) => rulePatternMatches(id, ruleId)))
            problems.push({
              ...spanOf(keyNode),
              severity: 'warning',
              message: `The pattern "${shortId(id)}" matches no rule.`,
            });
        } else if (!known.has(id)) {
          // Each suggestion costs an edit distance per known rule: only so many are worked out.
          if (++unknown > MAX_UNKNOWN_RULE_WARNINGS) continue;
          const suggestion = id.length <= MAX_SUGGESTED_ID_LENGTH ? closestId(id, knownRuleIds) : undefined;
          problems.push({
            ...spanOf(keyNode),
            severity: 'warning',
            message: `Unknown rule "${shortId(id)}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
            ...(suggestion
              ? { replacement: { title: `Replace with ${suggestion}`, text: JSON.stringify(suggestion) } }
              : {}),
          });
          continue;
        }
        if (!isConfiguredSeverity(valueNode.value)) {
          problems.push({
            ...spanOf(valueNode),
            severity: 'error',
            message: `Severity of "${id}" must be "off", "info", "warning" or "error".`,
          });
          continue;
        }
        config.rules[id] = valueNode.value;
      }
      if (unknown > MAX_UNKNOWN_RULE_WARNINGS)
        problems.push({
          start: rulesNode.offset,
          end: rulesNode.offset + 1,
          severity: 'warning',
          message: `${unknown - MAX_UNKNOWN_RULE_WARNINGS} more unknown rules in "rules" (only the first ${MAX_UNKNOWN_RULE_WARNINGS} are named).`,
        });
    }
  }

  const ignoreNode = findNodeAtLocation(root, ['ignore']);
  if (ignoreNode) {
    if (ignoreNode.type !== 'array') {
      problems.push({
        ...spanOf(ignoreNode),
        severity: 'error',
        message: '"ignore" must be an array of glob patterns (.gitignore syntax).',
      });
    } else {
      for (const item of ignoreNode.children ?? []) {
        if (typeof item.value !== 'string' || item.value.trim() === '') {
          problems.push({
            ...spanOf(item),
            severity: 'error',
            message: 'Each "ignore" entry must be a non-empty glob pattern string.',
          });
          continue;
        }
        config.ignore.push(item.value);
      }
    }
  }
  const rootNode = findNodeAtLocation(root, ['root']);
  if (rootNode) {
    if (typeof rootNode.value !== 'boolean')
      problems.push({ ...spanOf(rootNode), severity: 'error', message: '"root" must be true or false.' });
    else if (rootNode.value) config.root = true;
  }
  const languagesNode = findNodeAtLocation(root, ['languages']);
  if (languagesNode) {
    if (languagesNode.type !== 'object') {
      problems.push({
        ...spanOf(languagesNode),
        severity: 'error',
        message: '"languages" must be an object of glob pattern to "typescript", "dockerfile" or "nginx".',
      });
    } else {
      for (const property of languagesNode.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string' || !valueNode) continue;
        if (keyNode.value.trim() === '') {
          problems.push({
            ...spanOf(keyNode),
            severity: 'error',
            message: 'A "languages" pattern must be a non-empty glob.',
          });
          continue;
        }
        if (
          typeof valueNode.value !== 'string' ||
          !(MAPPABLE_LANGUAGES as readonly string[]).includes(valueNode.value)
        ) {
          problems.push({
            ...spanOf(valueNode),
            severity: 'error',
            message: `The language of "${keyNode.value}" must be "typescript", "dockerfile" or "nginx".`,
          });
          continue;
        }
        config.languages.push({ pattern: keyNode.value, language: valueNode.value as LanguageId });
      }
    }
  }
  const registriesNode = findNodeAtLocation(root, ['trustedRegistries']);
  if (registriesNode) {
    if (registriesNode.type !== 'array') {
      problems.push({
        ...spanOf(registriesNode),
        severity: 'error',
        message: '"trustedRegistries" must be an array of registry hosts such as "registry.example.com".',
      });
    } else {
      for (const item of registriesNode.children ?? []) {
        // A host (`*` for any, `*.example.com` for its subdomains), then path segments (`*` for any one).
        if (
          typeof item.value !== 'string' ||
          !/^(?:\*|(?:\*\.)?[A-Za-z0-9.-]+(?::\d+)?)(?:\/(?:\*|[A-Za-z0-9._-]+))*$/.test(item.value)
        ) {
          problems.push({
            ...spanOf(item),
            severity: 'error',
            message:
              'Each "trustedRegistries" entry must be a registry host, optionally with a namespace ("registry.example.com/team"); "*.example.com" trusts its subdomains and "*" any registry.',
          });
          continue;
        }
        config.trustedRegistries.push(item.value.toLowerCase());
      }
    }
  }
  return { config, problems };
}

function spanOf(node: JsonNode): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

function describeParseError(code: string): string {
  // "PropertyNameExpected" -> "property name expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Whether a key of `rules` names rules by a pattern (`"ts/*"`, `"*"`) rather than one rule: `*`
 * stands for any characters, `/` included.
 */
export function isRulePattern(key: string): boolean {
  return key.includes('*');
}

/**
 * Whether a rule pattern matches a rule id. Pieces between stars are found left to right, each at
 * its first place after the previous one: linear in the id, whatever the pattern.
 */
export function rulePatternMatches(pattern: string, ruleId: string): boolean {
  const pieces = pattern.split('*');
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (pieces.length === 1) return pattern === ruleId;
  if (first.length + last.length > ruleId.length || !ruleId.startsWith(first) || !ruleId.endsWith(last)) return false;
  let at = first.length;
  const end = ruleId.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = ruleId.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/**
 * Severities of `rules` maps, the first of least precedence (the project file, then settings):
 * a rule's exact id wins over any pattern in any map, a longer pattern (counted without its
 * stars) over a shorter one, and on a tie the later map and, within one, the later entry.
 */
function resolveSeverities(
  maps: ReadonlyArray<Readonly<Record<string, unknown>>>,
  knownRuleIds: readonly string[],
): Record<string, ConfiguredSeverity> {
  const severities: Record<string, ConfiguredSeverity> = {};
  const patterns: Array<{ pattern: string; weight: number; severity: ConfiguredSeverity }> = [];
  for (const map of maps) {
    if (typeof map !== 'object' || map === null) continue;
    for (const [key, value] of Object.entries(map)) {
      if (!isConfiguredSeverity(value)) continue;
      if (isRulePattern(key)) patterns.push({ pattern: key, weight: key.replaceAll('*', '').length, severity: value });
      else severities[key] = value;
    }
  }
  if (patterns.length === 0) return severities;
  // Heaviest first; the sort is stable, so among equals the later entry is found first once reversed.
  const ordered = patterns.reverse().sort((a, b) => b.weight - a.weight);
  for (const id of knownRuleIds) {
    if (Object.hasOwn(severities, id)) continue;
    const match = ordered.find((p) => rulePatternMatches(p.pattern, id));
    if (match) severities[id] = match.severity;
  }
  return severities;
}

/**
 * Merges rule defaults, the project file and editor settings (settings win: they are the
 * user's own override; an exact id wins over a pattern wherever each is set). `knownRuleIds` are
 * the rules patterns apply to (the registry's, at every caller that reads patterns). Invalid settings entries are dropped here; the file's are reported
 * by `parseProjectConfig`.
 */
export function resolveConfig(
  project: ProjectConfig | undefined,
  settings: { rules?: Record<string, unknown>; maxFileSize?: number } = {},
  knownRuleIds: readonly string[] = [],
): ResolvedConfig {
  const severities = resolveSeverities([project?.rules ?? {}, settings.rules ?? {}], knownRuleIds);
  const maxFileSize =
    typeof settings.maxFileSize === 'number' && settings.maxFileSize > 0 ? settings.maxFileSize : DEFAULT_MAX_FILE_SIZE;
  const mappings = (project?.languages ?? []).map((m) => ({
    matcher: new IgnoreRules([m.pattern]),
    language: m.language,
  }));
  const languageOf = (path: string): LanguageId | undefined => {
    let language: LanguageId | undefined;
    for (const mapping of mappings) if (mapping.matcher.ignores(path)) language = mapping.language;
    return language;
  };
  return {
    severities,
    ignore: new IgnoreRules(project?.ignore ?? []),
    maxFileSize,
    trustedRegistries: project?.trustedRegistries ?? [],
    languageOf,
  };
}

/** A project configuration file and the folder it sits in, relative to the project root ('' for the root). */
export interface ConfigLayer {
  base: string;
  config: ProjectConfig;
}

/**
 * The configuration that applies to files in the innermost layer's folder: the layers (outermost
 * first, each an ancestor folder of the next) merged, nearer files winning on rule severities,
 * ignore and language patterns rebased onto the project root, trusted registries added up.
 * Layers above the innermost one with `"root": true` do not apply.
 */
export function mergeConfigLayers(layers: readonly ConfigLayer[]): ProjectConfig | undefined {
  let first = 0;
  for (let i = layers.length - 1; i >= 0; i--) {
    if (layers[i].config.root) {
      first = i;
      break;
    }
  }
  const applied = layers.slice(first);
  if (applied.length === 0) return undefined;
  if (applied.length === 1 && applied[0].base === '') return applied[0].config;
  const merged = emptyProjectConfig();
  for (const { base, config } of applied) {
    Object.assign(merged.rules, config.rules);
    merged.ignore.push(...config.ignore.map((pattern) => rebaseGlob(base, pattern)));
    merged.languages.push(
      ...config.languages.map((m) => ({ pattern: rebaseGlob(base, m.pattern), language: m.language })),
    );
    for (const registry of config.trustedRegistries)
      if (!merged.trustedRegistries.includes(registry)) merged.trustedRegistries.push(registry);
  }
  return merged;
}

/**
 * A .gitignore-syntax pattern written in the folder `base` (relative to the root), as a pattern
 * relative to the root that matches the same files: anchored patterns (a slash before the end)
 * are joined to the folder, others match at any depth below it, as git reads a nested .gitignore.
 */
export function rebaseGlob(base: string, pattern: string): string {
  if (base === '') return pattern;
  let negation = '';
  let body = pattern;
  if (body.startsWith('!')) {
    negation = '!';
    body = body.slice(1);
  } else if (body.startsWith('\\!') || body.startsWith('\\#')) {
    body = body.slice(1);
  }
  const withoutTrailing = body.endsWith('/') ? body.slice(0, -1) : body;
  const anchored = withoutTrailing.includes('/');
  const relative = body.startsWith('/') ? body.slice(1) : body;
  return `${negation}/${base}/${anchored ? '' : '**/'}${relative}`;
}

export const defaultConfig: ResolvedConfig = resolveConfig(undefined);

/** Levenshtein distance, for "did you mean" on rule ids. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

const shortId = (id: string): string =>
  id.length <= MAX_SUGGESTED_ID_LENGTH ? id : `${id.slice(0, MAX_SUGGESTED_ID_LENGTH)}… (${id.length} characters)`;

/** The candidate closest to a mistyped id, when it is close enough to be what was meant. */
export function closestId(id: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(id.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The lengths' difference bounds the distance from below: a far longer id is never compared
    // (a pasted blob as an id would cost its length times each rule id's).
    if (Math.abs(id.length - candidate.length) > limit) continue;
    const distance = editDistance(id, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
