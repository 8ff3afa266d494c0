// Project files that are not source code but decide project-level rules and the checklist:
// .gitignore, .env files, private keys, package.json and lockfiles, CI and dependency-update
// configuration, tsconfig/jsconfig files (module aliases). Hosts find them with the same walk as
// source files and pass them in.

export type ProjectFileKind =
  'env' | 'env-example' | 'key' | 'package-json' | 'lockfile' | 'ci' | 'dependency-updates' | 'tsconfig';

const lockfiles = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
]);
const exampleSuffixes = new Set(['example', 'sample', 'template', 'dist', 'defaults', 'default', 'tmpl', 'schema']);

/** What a project file is to workspace analysis, or undefined when it is none of its business. */
export function projectFileKind(path: string): ProjectFileKind | undefined {
  const posix = path.replace(/\\/g, '/');
  const name = posix.slice(posix.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.') || (lower.endsWith('.env') && lower.length > 4)) {
    const parts = lower.split('.').filter((p) => p !== '' && p !== 'env');
    return parts.some((p) => exampleSuffixes.has(p)) ? 'env-example' : 'env';
  }
  if (/\.(?:pem|key)$/.test(lower) || /^id_(?:rsa|dsa|ecdsa|ed25519)$/.test(lower)) return 'key';
  if (lower === 'package.json') return 'package-json';
  // Module resolution (paths aliases) for data flow between files.
  if (/^(?:tsconfig(?:\.[\w-]+)?|jsconfig)\.json$/.test(lower)) return 'tsconfig';
  if (lockfiles.has(lower)) return 'lockfile';
  if (
    /(?:^|\/)\.github\/dependabot\.ya?ml$/i.test(posix) ||
    /^(?:renovate\.json5?|\.renovaterc(?:\.json5?)?)$/.test(lower) ||
    /(?:^|\/)\.github\/renovate\.json5?$/.test(posix)
  )
    return 'dependency-updates';
  if (/(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(posix) || /(?:^|\/)\.circleci\/config\.ya?ml$/.test(posix))
    return 'ci';
  if (
    /^(?:\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|jenkinsfile|\.travis\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|\.pre-commit-config\.ya?ml|lefthook\.ya?ml)$/.test(
      lower,
    )
  )
    return 'ci';
  return undefined;
}

/** Whether the analysis reads the file's text (a lockfile only needs to exist). */
export function projectFileNeedsText(kind: ProjectFileKind): boolean {
  return kind !== 'lockfile';
}

/** Files whose git status the workspace rules ask about, relative to the project root. */
export const GITIGNORE_PROBES = ['.env', '.env.local', 'server.key', 'server.pem'] as const;

export interface EnvEntry {
  key: string;
  value: string;
  keyStart: number;
  keyEnd: number;
  /** The value as written, quotes excluded. */
  valueStart: number;
  valueEnd: number;
}

/** `KEY=value` lines of a .env file (`export`, quotes and trailing `# comments` as dotenv reads them). */
export function parseEnvFile(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  const line = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/gm;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const keyStart = m.index + m[0].indexOf(m[1]);
    const rawStart = m.index + m[0].length - m[2].length;
    const raw = m[2].replace(/\r$/, '');
    let valueStart = rawStart;
    let value: string;
    const quote = raw[0];
    if ((quote === '"' || quote === "'" || quote === '`') && raw.indexOf(quote, 1) > 0) {
      value = raw.slice(1, raw.indexOf(quote, 1));
      valueStart = rawStart + 1;
    } else {
      // An unquoted value ends at ` #` (a comment), trailing blanks dropped.
      const comment = raw.search(/[ \t]#/);
      value = (comment >= 0 ? raw.slice(0, comment) : raw).trimEnd();
    }
    entries.push({
      key: m[1],
      value,
      keyStart,
      keyEnd: keyStart + m[1].length,
      valueStart,
      valueEnd: valueStart + value.length,
    });
  }
  return entries;
}
