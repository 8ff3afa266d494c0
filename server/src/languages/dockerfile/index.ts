// The Dockerfile adapter: Dockerfile and Containerfile names, the .dockerignore files BuildKit
// reads beside them, and the analysis.
import type { LanguageAdapter } from '../../core/language';
import { fileName } from '../../core/paths';
import type { RuleBase } from '../../core/rule';
import { analyzeDockerfile } from './analyze';
import type { DockerRule } from './rule';

const dockerfileNames = /^(?:Dockerfile|Containerfile)(?:\..+)?$|\.(?:Dockerfile|Containerfile)$/i;
const isDockerRule = (rule: RuleBase): rule is DockerRule => rule.language === 'dockerfile';

export const dockerfileAdapter: LanguageAdapter = {
  id: 'dockerfile',
  editorLanguageIds: ['dockerfile'],
  watchGlobs: ['**/{Dockerfile,Containerfile}', '**/*.{Dockerfile,Containerfile}', '**/{Dockerfile,Containerfile}.*'],
  claimsName(path) {
    const name = fileName(path);
    return dockerfileNames.test(name) && !/\.dockerignore$/i.test(name) ? 'certain' : undefined;
  },
  // BuildKit reads <Dockerfile>.dockerignore first, then the context's .dockerignore.
  companions: (_text, path) => [`${fileName(path)}.dockerignore`, '.dockerignore'],
  analyze: (input, rules, lines, config) => analyzeDockerfile(input, rules.filter(isDockerRule), lines, config),
};
