// The Dockerfile adapter: Dockerfile and Containerfile names, the .dockerignore files BuildKit
// reads beside them (and above them, for a context higher up), the context files rules read,
// and the analysis.
import type { LanguageAdapter } from '../../core/language';
import { fileName } from '../../core/paths';
import type { RuleBase } from '../../core/rule';
import { analyzeDockerfile } from './analyze';
import { dockerfileCompanions } from './model';
import type { DockerRule } from './rule';

/**
 * `Dockerfile`, `Containerfile`, `api.Dockerfile`, and names that start with one of them:
 * `Dockerfile.prod`, `Dockerfile-dev`, `Dockerfile_prod`, `Dockerfiledev`, `Containerfile.dev`.
 */
const dockerfileNames = /^(?:Dockerfile|Containerfile)|\.(?:Dockerfile|Containerfile)$/i;
/** Files named after a Dockerfile that are something else: its ignore file, scripts, docs, data. */
const otherFormats =
  /\.(?:dockerignore|[cm]?[jt]sx?|d\.ts|py|go|rs|java|kt|rb|php|pl|sh|bash|zsh|fish|ps1|bat|cmd|md|markdown|mdx|rst|adoc|txt|html?|css|json5?|jsonc|ya?ml|toml|xml|lock|log|vim|el|lua|sql|patch|diff|png|jpe?g|gif|svg|ico|pdf|zip|t?gz|tar)$/i;
/** Folder-like plurals (`dockerfiles`) are not one Dockerfile. */
const plural = /^(?:Dockerfile|Containerfile)s$/i;

/** A line that opens with a template tag, or a FROM with one (checked line by line: linear). */
function isTemplate(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.trimStart();
    if (line.startsWith('{{') || line.startsWith('{%') || line.startsWith('<%')) return true;
    if (/^FROM[ \t]/i.test(line) && (line.includes('{{') || line.includes('<%'))) return true;
  }
  return false;
}

/** Dockerfiles larger than this are not parsed for the names of their companion files. */
const MAX_COMPANION_SCAN = 512 * 1024;

const isDockerRule = (rule: RuleBase): rule is DockerRule => rule.language === 'dockerfile';

export const dockerfileAdapter: LanguageAdapter = {
  id: 'dockerfile',
  editorLanguageIds: ['dockerfile'],
  watchGlobs: [
    '**/{Dockerfile,Containerfile,dockerfile,containerfile}*',
    '**/*.{Dockerfile,Containerfile,dockerfile,containerfile}',
  ],
  claimsName(path) {
    const name = fileName(path);
    if (!dockerfileNames.test(name) || plural.test(name)) return undefined;
    // `api.Dockerfile` is certain; `Dockerfile.<ext>` is unless the extension is another format's.
    return /\.(?:Dockerfile|Containerfile)$/i.test(name) || !otherFormats.test(name) ? 'certain' : undefined;
  },
  // Jinja, Go-template and ERB templates of a Dockerfile (`Dockerfile-linux.template`): control
  // lines or a templated FROM are not Dockerfile syntax. `%%VERSION%%` placeholders parse.
  notAnalyzable: (text) => (isTemplate(text) ? 'a template: its placeholders are not Dockerfile syntax' : undefined),
  // BuildKit reads <Dockerfile>.dockerignore first, then the context's .dockerignore; the context
  // may be a folder above (see buildContextLevel), and rules read the entrypoint scripts and a
  // copied .npmrc from it.
  companions: (text, path) =>
    text.length > MAX_COMPANION_SCAN
      ? [`${fileName(path)}.dockerignore`, '.dockerignore']
      : dockerfileCompanions(text, path, fileName(path)),
  analyze: (input, rules, lines, config) => analyzeDockerfile(input, rules.filter(isDockerRule), lines, config),
};
