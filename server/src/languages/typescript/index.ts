// The TypeScript/JavaScript adapter: source extensions (not declaration files) and the one-walk
// analysis. What a file's imports mean for the workspace (helmet, limiters, auth) is library
// knowledge, so the engine hands that in as `facts`, and what its exports and calls mean for data
// flow between files as `flows`.
import type { FileFlows } from '../../core/flows';
import type { DraftFact, LanguageAdapter } from '../../core/language';
import type { LineIndex } from '../../core/text';
import { fileName } from '../../core/paths';
import type { RuleBase } from '../../core/rule';
import { analyzeTypeScript } from './analyze';
import type { TsFile } from './file';
import type { TsRule } from './rule';

const sourceExtensions = /\.(?:[cm]?[jt]sx?)$/i;
const declarationFile = /\.d\.[cm]?ts$/i;
const isTsRule = (rule: RuleBase): rule is TsRule => rule.language === 'typescript';

export interface TypeScriptKnowledge {
  facts?: (file: TsFile) => DraftFact[];
  flows?: (file: TsFile, lines: LineIndex) => FileFlows | undefined;
}

export function createTypeScriptAdapter(options: TypeScriptKnowledge = {}): LanguageAdapter {
  return {
    id: 'typescript',
    editorLanguageIds: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
    watchGlobs: ['**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}'],
    claimsName(path) {
      const name = fileName(path);
      return sourceExtensions.test(name) && !declarationFile.test(name) ? 'certain' : undefined;
    },
    companions: () => [],
    analyze: (input, rules, lines) =>
      analyzeTypeScript(input, rules.filter(isTsRule), lines, options.facts, options.flows),
  };
}
