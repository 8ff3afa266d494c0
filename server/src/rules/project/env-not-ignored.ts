// A .env file git does not ignore is one `git add .` away from publishing every secret in it.
import { FACT } from '../../core/facts';
import type { FileAppend } from '../../core/rule';
import type { WorkspaceRule } from '../../languages/project/rule';
import { fileName } from '../../core/paths';

function gitignoreFix(lines: string[]): { title: string; kind: 'fix'; edits: []; appendToFile: FileAppend } {
  return {
    title: `Add ${lines.filter((l) => !l.startsWith('!')).join(', ')} to .gitignore`,
    kind: 'fix',
    edits: [],
    appendToFile: { path: '.gitignore', relativeTo: 'project', lines },
  };
}

export const envNotIgnored: WorkspaceRule = {
  id: 'project/env-not-ignored',
  language: 'workspace',
  meta: {
    title: '.env file not ignored by git',
    summary: 'a `.env` file (or dotenv use) that `.gitignore` does not ignore',
    severity: 'error',
    guideSection: 'API Keys and Secrets Management › Never hardcode secrets (.env with gitignore)',
    checklistItem: 'access-controls',
    description:
      'The guide keeps secrets in a .env file that .gitignore excludes. This project has a .env file that git does not ignore, or loads one with dotenv while .gitignore does not list .env: the next `git add .` commits every secret in it, and removing it later leaves it in history.',
    remedy: 'Add .env (and .env.* with !.env.example) to .gitignore; rotate any secret that was already committed.',
    fixable: true,
  },
  check({ project, report }) {
    const files = project.ofKind('env').filter((f) => !f.gitIgnored);
    for (const file of files) {
      const name = fileName(file.path);
      const lines = name === '.env' ? ['.env'] : name.startsWith('.env.') ? ['.env.*', '!.env.example'] : [name];
      const end = file.text ? Math.max(0, file.text.search(/\r?\n|$/)) : 0;
      report(file.path, {
        start: 0,
        end,
        message: `${file.path} is not ignored by git, so its secrets get committed. Add it to .gitignore.`,
        fixes: [gitignoreFix(lines)],
      });
    }
    // No .env file here (yet), but the code loads one and .gitignore would let it in.
    if (project.ofKind('env').length > 0 || project.gitIgnored('.env') !== false) return;
    const loader = project.facts(FACT.dotenv)[0];
    if (!loader?.fact.range) return;
    report(loader.path, {
      range: loader.fact.range,
      message: `This project loads a .env file (${String(loader.fact.value)}) but .gitignore does not ignore .env. Add it before a .env file is created and committed.`,
      fixes: [gitignoreFix(['.env'])],
    });
  },
};
