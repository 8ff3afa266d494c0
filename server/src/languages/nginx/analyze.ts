// One parse (with the files it includes spliced in when the host read them) and one walk for
// every nginx rule: rules subscribe to directives, the walk dispatches each directive to its
// subscribers. A rule that throws is reported once, its partial output dropped; the others go
// on. Suppressions are `# blah-security-ignore…` comments.
import { IsolatedRules, type LanguageAnalysis } from '../../core/language';
import { suppressionsInComments } from '../../core/suppressions';
import { globMatcher } from '../../core/paths';
import type { LineIndex } from '../../core/text';
import { nginxFacts } from './facts';
import { markUnknownLevel, recordInclude, recordIncluder, type IncludeResolution } from './model';
import { allDirectives, effectiveDirectives, parseNginx, type NginxConfig, type NginxDirective } from './parser';
import type { DirectiveVisitor, NginxRule, NginxVisitors } from './rule';

type Listener = { ruleIndex: number; visit: DirectiveVisitor };

/** Subscriptions by directive: to every one, and by name. */
class Table {
  readonly every: Listener[] = [];
  readonly byName = new Map<string, Listener[]>();

  add(ruleIndex: number, visitors: NginxVisitors): void {
    if (visitors.directive) this.every.push({ ruleIndex, visit: visitors.directive });
    for (const [name, visit] of Object.entries(visitors.directives ?? {})) {
      const list = this.byName.get(name);
      if (list) list.push({ ruleIndex, visit });
      else this.byName.set(name, [{ ruleIndex, visit }]);
    }
  }

  get empty(): boolean {
    return this.every.length === 0 && this.byName.size === 0;
  }
}

/** Where the file is: its project path (or absolute path) and its full path when known. */
export interface NginxFileLocation {
  path: string;
  location?: string;
}

export function analyzeNginx(
  text: string,
  rules: readonly NginxRule[],
  lines: LineIndex,
  companions?: Readonly<Record<string, string | null>>,
  onRule?: (ruleId: string | undefined) => void,
  file: NginxFileLocation = { path: 'nginx.conf' },
  outside?: readonly string[],
): LanguageAnalysis {
  const config = parseNginx(text);
  const leadingOut = resolveIncludes(config, file, companions, outside);

  const isolated = new IsolatedRules(rules, onRule);
  // Directives written here go to every subscriber; spliced-in ones only to rules that asked.
  const own = new Table();
  const foreign = new Table();
  const endHooks: Array<{ ruleIndex: number; end: () => void }> = [];
  rules.forEach((rule, ruleIndex) => {
    let visitors: NginxVisitors | undefined;
    isolated.run(ruleIndex, () => {
      visitors = rule.create({ config, lines, report: isolated.reporter(ruleIndex) });
    });
    if (!visitors) return;
    own.add(ruleIndex, visitors);
    if (visitors.included) foreign.add(ruleIndex, visitors);
    if (visitors.end) endHooks.push({ ruleIndex, end: visitors.end });
  });

  const run = (listeners: readonly Listener[] | undefined, directive: NginxDirective): void => {
    if (!listeners) return;
    for (const { ruleIndex, visit } of listeners) isolated.run(ruleIndex, () => visit(directive));
  };
  if (!own.empty) {
    // Every descendant of a spliced-in directive is spliced in too: without subscribers for
    // them, the walk skips them whole.
    for (const directive of foreign.empty ? allDirectives(config.directives) : effectiveDirectives(config.directives)) {
      const table = directive.foreign ? foreign : own;
      run(table.every, directive);
      run(table.byName.get(directive.name), directive);
    }
  }
  for (const { ruleIndex, end } of endHooks) isolated.run(ruleIndex, end);
  const { reports, ruleErrors } = isolated.finish();

  const comments = config.comments.map((comment) => ({
    start: comment.start,
    end: comment.end,
    line: lines.positionAt(comment.start).line,
  }));
  let facts: ReturnType<typeof nginxFacts> = [];
  try {
    facts = nginxFacts(config);
  } catch {
    // Facts are evidence for workspace analysis; a configuration that defeats them gives none.
  }
  // The file's own includes that lead outside the project, as written.
  const notRead = leadingOut.map((d) => ({ name: d.args[0]?.value ?? '', start: d.start, end: d.end }));
  return {
    reports,
    facts,
    ruleErrors,
    suppressions: suppressionsInComments(text, comments),
    ...(notRead.length > 0 ? { outside: notRead } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Includes. nginx resolves a relative `include` against its prefix (the folder of nginx.conf),
// not against the including file; a repository holds that tree somewhere (the folder with
// nginx.conf or mime.types, or one whose layout matches the absolute paths it names). The host
// reads the candidates the adapter names (`includeCandidates`) beside the file and above it; the
// analysis picks the one at the configuration root, splices it in, and records every include it
// could not read, so that rules which depend on what it sets stay quiet there.

/** Folders above a file's own where its configuration root may be (sites-enabled/, conf.d/templates/). */
const ROOT_DEPTH = 3;
const MAX_INCLUDES = 32;
/** Includes of included files are followed this deep, as far as what was read allows. */
const MAX_DEPTH = 4;

/** Where nginx packages install their configuration: a workspace's own nginx tree stands for them. */
const installPrefixes = [
  '/etc/nginx/',
  '/usr/local/nginx/conf/',
  '/usr/local/etc/nginx/',
  '/opt/homebrew/etc/nginx/',
  '/etc/openresty/',
  '/usr/local/openresty/nginx/conf/',
];

/**
 * Files nginx packages ship, by what they set that rules ask about: nothing but parameters and
 * types, or Debian's `proxy_params` (which forwards Host and the client address).
 */
const stockFiles: Readonly<Record<string, string>> = {
  'mime.types': 'types { text/html html; }\n',
  fastcgi_params: 'fastcgi_param QUERY_STRING $query_string;\n',
  'fastcgi.conf': 'fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n',
  scgi_params: 'scgi_param REQUEST_METHOD $request_method;\n',
  uwsgi_params: 'uwsgi_param REQUEST_METHOD $request_method;\n',
  'koi-utf': 'charset_map koi8-r utf-8 { C0 D18E; }\n',
  'koi-win': 'charset_map koi8-r windows-1251 { 80 88; }\n',
  'win-utf': 'charset_map windows-1251 utf-8 { 80 D082; }\n',
  proxy_params: [
    'proxy_set_header Host $http_host;',
    'proxy_set_header X-Real-IP $remote_addr;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    '',
  ].join('\n'),
  'snippets/fastcgi-php.conf': [
    'fastcgi_split_path_info ^(.+?\\.php)(/.*)$;',
    'try_files $fastcgi_script_name =404;',
    'fastcgi_index index.php;',
    'include fastcgi.conf;',
    '',
  ].join('\n'),
  'snippets/snakeoil.conf': [
    'ssl_certificate /etc/ssl/certs/ssl-cert-snakeoil.pem;',
    'ssl_certificate_key /etc/ssl/private/ssl-cert-snakeoil.key;',
    '',
  ].join('\n'),
};

const isGlob = (target: string): boolean => /[*?[]/.test(target);
const up = (level: number): string => '../'.repeat(level);

/** The name a stock file goes by in an include (`/etc/nginx/proxy_params`, `fastcgi_params`). */
function stockName(target: string): string | undefined {
  const prefix = installPrefixes.find((p) => target.startsWith(p));
  const name = prefix ? target.slice(prefix.length) : target.startsWith('/') ? undefined : target;
  return name !== undefined && name in stockFiles ? name : undefined;
}

/** Names of the folders holding the file, innermost first (from its full path, when it says). */
function folderNames(path: string): string[] {
  const parts = path.replace(/\\/g, '/').split('/');
  parts.pop();
  return parts.reverse();
}

/**
 * Where an include target may be, as names relative to the including file's folder, by level
 * (0: its folder, 1: the one above…): the target under each folder (relative targets, and
 * absolute ones under an install prefix), and for other absolute paths the folder whose name
 * matches a folder of the path (`/config/nginx/proxy.conf` in `…/nginx/site-confs/a.conf` →
 * `../proxy.conf`).
 */
function targetCandidates(target: string, folders: readonly string[]): Array<{ level: number; name: string }> {
  const out: Array<{ level: number; name: string }> = [];
  const add = (level: number, rest: string): void => {
    if (rest === '' || rest.split('/').includes('..')) return;
    const name = up(level) + rest;
    if (!out.some((c) => c.name === name)) out.push({ level, name });
  };
  if (!target.startsWith('/')) {
    for (let level = 0; level <= ROOT_DEPTH; level++) add(level, target.replace(/^\.\//, ''));
    return out;
  }
  const prefix = installPrefixes.find((p) => target.startsWith(p));
  if (prefix) for (let level = 0; level <= ROOT_DEPTH; level++) add(level, target.slice(prefix.length));
  const parts = target.split('/').filter((p) => p !== '');
  for (let level = 0; level <= ROOT_DEPTH && level < folders.length; level++) {
    const name = folders[level];
    if (!name) continue;
    for (let j = 0; j < parts.length - 1; j++) if (parts[j] === name) add(level, parts.slice(j + 1).join('/'));
  }
  return out;
}

/** Files that mark a configuration root, by level. */
function markerNames(level: number): string[] {
  return [`${up(level)}nginx.conf`, `${up(level)}mime.types`];
}

/** The include targets a file names (the ones a host can read: no patterns, no variables). */
function readableTargets(config: NginxConfig): string[] {
  const targets = new Set<string>();
  for (const d of allDirectives(config.directives)) {
    const target = d.name === 'include' && !d.isEntry ? d.args[0]?.value : undefined;
    if (target && !isGlob(target) && !target.includes('$')) targets.add(target);
    if (targets.size >= MAX_INCLUDES) break;
  }
  return [...targets];
}

/**
 * The files the analysis of `config` (at `path`, a full path) reads: the configuration root's
 * markers (nginx.conf, mime.types) in its folder and the folders above, and each include's
 * candidates. Names are relative to the file's folder.
 */
export function includeCandidates(config: NginxConfig, path: string): string[] {
  const names = new Set<string>();
  for (let level = 0; level <= ROOT_DEPTH; level++) for (const name of markerNames(level)) names.add(name);
  const folders = folderNames(path);
  for (const target of readableTargets(config))
    for (const { name } of targetCandidates(target, folders)) names.add(name);
  return [...names];
}

/** A POSIX path with `.` and `..` segments resolved (a leading `..` stays: outside the project). */
function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** Whether a path matches an include pattern; `sites-enabled/` holds links to `sites-available/`. */
export function includeMatches(pattern: string, path: string): boolean {
  const re = globMatcher(pattern);
  if (!re) return false;
  return re.test(path) || re.test(path.replace(/(^|\/)sites-available\//, '$1sites-enabled/'));
}

interface Resolver {
  /** The project path of a name relative to the file's folder. */
  projectPath(name: string): string;
  /** Candidates of a target, nearest the configuration root first, that lie inside the project. */
  candidates(target: string): string[];
  /** The text the host read for a name: text, null (absent) or undefined (not read). */
  read(name: string): string | null | undefined;
  /** Whether the host refused the name: it leads outside what the host may read. */
  refused(name: string): boolean;
}

function resolveTarget(resolver: Resolver, target: string | undefined): IncludeResolution & { text?: string } {
  if (!target || target.includes('$')) return { status: 'unread', tried: [] };
  if (isGlob(target))
    return { status: 'glob', tried: [...new Set(resolver.candidates(target).map(resolver.projectPath))] };
  const candidates = resolver.candidates(target);
  for (const name of candidates) {
    const text = resolver.read(name);
    if (typeof text === 'string') return { status: 'read', file: resolver.projectPath(name), tried: [], text };
  }
  const stock = stockName(target);
  if (stock) return { status: 'stock', file: stock, tried: [], text: stockFiles[stock] };
  // nginx resolves a relative include against its prefix: `..` leaves the configuration's tree,
  // and the analysis follows no path out of it. Refused where it most likely is (the first
  // candidate), it leads outside the project (through a link).
  const outside =
    (!target.startsWith('/') && target.split('/').includes('..')) ||
    (candidates.length > 0 && resolver.refused(candidates[0]));
  return {
    status: 'unread',
    tried: [...new Set(candidates.map(resolver.projectPath))],
    ...(outside ? { outside } : {}),
  };
}

/** Marks directives parsed from another file as spliced in at `at` (an include line, or the file's start). */
function relocate(d: NginxDirective, owner: NginxDirective | undefined, at: { start: number; end: number }): void {
  d.foreign = true;
  d.start = d.nameStart = at.start;
  d.end = d.nameEnd = at.end;
  d.args = d.args.map((a) => ({ ...a, start: at.start, end: at.end }));
  if (owner) d.parent = owner;
  else delete d.parent;
  if (d.block) {
    d.block = { ...d.block, open: at.start, close: at.end };
    for (const child of d.block.children) relocate(child, d, at);
  }
}

/**
 * Parses an included file into the directives nginx inlines for it, resolving its own includes
 * from what was read already (stock files, targets this file names too); deeper levels stay unread.
 */
function includedDirectives(
  text: string,
  owner: NginxDirective | undefined,
  at: { start: number; end: number },
  resolver: Resolver,
  depth: number,
): NginxDirective[] {
  const included = parseNginx(text).directives;
  for (const d of included) relocate(d, owner, at);
  spliceLevel(included, at, resolver, depth);
  return included;
}

/** Resolves and splices the includes of one list of directives (and of the blocks inside it). */
function spliceLevel(
  list: NginxDirective[],
  at: { start: number; end: number } | undefined,
  resolver: Resolver,
  depth: number,
  outside?: NginxDirective[],
): void {
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (d.block && !d.isEntry) spliceLevel(d.block.children, at, resolver, depth, outside);
    if (d.name !== 'include' || d.isEntry) continue;
    const { text, ...resolution } = resolveTarget(resolver, d.args[0]?.value);
    recordInclude(d, resolution);
    if (resolution.outside) outside?.push(d);
    if (text === undefined || depth > MAX_DEPTH) continue;
    const included = includedDirectives(text, d.parent, at ?? { start: d.start, end: d.end }, resolver, depth + 1);
    list.splice(i + 1, 0, ...included);
    i += included.length;
  }
}

/**
 * Resolves every include of the file, splices in what the host read (one level of the file's own
 * includes, and what those include from files read already), and, for a fragment the
 * configuration root's nginx.conf includes, the directives of the including blocks.
 */
export function resolveIncludes(
  config: NginxConfig,
  file: NginxFileLocation,
  companions: Readonly<Record<string, string | null>> | undefined,
  outside: readonly string[] = [],
): NginxDirective[] {
  const path = file.path.replace(/\\/g, '/');
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  // The configuration root may lie above the project root (a file scanned on its own is its
  // own project): its tree is the file's configuration all the same.
  const maxLevel = ROOT_DEPTH;
  const full = (file.location ?? path).replace(/\\/g, '/');
  const folders = folderNames(full);
  const read = (name: string): string | null | undefined => companions?.[name];
  const projectPath = (name: string): string => normalize(dir === '' ? name : `${dir}/${name}`);

  let rootLevel: number | undefined;
  for (let level = 0; level <= maxLevel && rootLevel === undefined; level++)
    if (markerNames(level).some((name) => typeof read(name) === 'string')) rootLevel = level;

  const refused = new Set(outside);
  const resolver: Resolver = {
    projectPath,
    read,
    refused: (name) => refused.has(name),
    candidates(target) {
      const all = targetCandidates(target, folders).filter((c) => c.level <= maxLevel);
      const atRoot = all.filter((c) => c.level === rootLevel);
      return [...atRoot, ...all.filter((c) => c.level !== rootLevel)].map((c) => c.name);
    },
  };
  const leadingOut: NginxDirective[] = [];
  spliceLevel(config.directives, undefined, resolver, 1, leadingOut);
  if (rootLevel !== undefined) spliceIncluder(config, full, rootLevel, resolver);
  return leadingOut;
}

/**
 * A fragment (a server of sites-enabled/, a snippet) sits in blocks of the nginx.conf at its
 * configuration root when that file includes it: their directives (http-level headers, limits,
 * server_tokens) apply to it too, and their unread includes make its context unknown.
 */
function spliceIncluder(config: NginxConfig, fullPath: string, rootLevel: number, resolver: Resolver): void {
  const rootName = `${up(rootLevel)}nginx.conf`;
  const text = resolver.read(rootName);
  const rootPath = resolver.projectPath(rootName);
  // The file's path below the root: its last folders and its name (the file itself is no fragment).
  const segments = fullPath.split('/').filter((s) => s !== '' && s !== '.');
  const relativeToRoot = segments.slice(-(rootLevel + 1)).join('/');
  if (typeof text !== 'string' || relativeToRoot === 'nginx.conf' || segments.length < rootLevel + 1) return;
  const root = parseNginx(text);
  // The root's own includes are relative to the root: names relative to this file's folder.
  const rootResolver: Resolver = {
    ...resolver,
    candidates: (target) => {
      const prefix = installPrefixes.find((p) => target.startsWith(p));
      const rest = prefix ? target.slice(prefix.length) : target.startsWith('/') ? undefined : target;
      return rest === undefined ? [] : [up(rootLevel) + rest];
    },
  };
  const including = [...allDirectives(root.directives)].find((d) => {
    const target = d.name === 'include' && !d.isEntry ? d.args[0]?.value : undefined;
    if (!target) return false;
    const prefix = installPrefixes.find((p) => target.startsWith(p));
    const pattern = prefix ? target.slice(prefix.length) : target.startsWith('/') ? undefined : target;
    return pattern !== undefined && includeMatches(pattern, relativeToRoot);
  });
  // The root's own includes, resolved as far as what was read allows.
  spliceLevel(root.directives, undefined, rootResolver, 2);
  const everything = [...effectiveDirectives(root.directives)];
  recordIncluder(config, {
    path: rootPath,
    limitsRequests: everything.some((d) => d.name === 'limit_req' && !d.isEntry),
    hasUnread: everything.some(
      (d) => d.name === 'include' && !d.isEntry && d.parent !== undefined && unreadInRoot(d, rootResolver),
    ),
  });
  if (!including) return;
  const top = config.directives[0]?.parent;
  if (!top?.virtual || !top.block) return;
  const at = { start: 0, end: 0 };
  const adopt = (virtual: NginxDirective, from: NginxDirective, skip: string): void => {
    if (!virtual.block || !from.block) return;
    const inherited = from.block.children.filter((d) => d !== including && d.name !== skip && !d.isEntry);
    for (const d of inherited) relocate(d, virtual, at);
    virtual.block.children.unshift(...inherited);
    // The includer's own unread includes were recorded on its copies, which now sit in `virtual`.
    if (inherited.some((d) => d.name === 'include' && unreadInRoot(d, rootResolver))) markUnknownLevel(virtual);
  };
  const block = including.parent;
  if (top.name === 'http' && block?.name === 'http') adopt(top, block, 'server');
  else if (top.name === 'server' && block?.name === 'server') {
    adopt(top, block, 'location');
    if (top.parent && block.parent?.name === 'http') adopt(top.parent, block.parent, 'server');
  }
}

function unreadInRoot(d: NginxDirective, resolver: Resolver): boolean {
  return resolveTarget(resolver, d.args[0]?.value).status === 'unread';
}
