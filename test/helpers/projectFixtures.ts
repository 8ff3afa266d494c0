// Whole-project fixtures for workspace rules and the checklist: one text file holds several
// small projects ("## case:"), each a set of files ("--- path"), with markers in the case header:
//   ## expect: <rule-id> <path>:<line>   a finding the case must produce
//   ## ok: <rule-id>                     the rule must stay quiet on this case
// The projects are walked with the real project walk over an in-memory file system.
import { analyze, companionFiles } from '../../server/src/engine/analyze';
import { defaultConfig, type ResolvedConfig } from '../../server/src/core/config';
import { analyzeWorkspace, type WorkspaceAnalysis, type WorkspaceFile } from '../../server/src/engine/workspace';
import { projectFileKind, projectFileNeedsText } from '../../server/src/languages/project/files';
import { walkProject, type WalkHost } from '../../server/src/host/workspaceWalk';

export interface ProjectCase {
  title: string;
  expects: Array<{ ruleId: string; path: string; line: number }>;
  oks: string[];
  /** Path -> text, in the order written. */
  files: Map<string, string>;
}

export function parseProjectFixture(text: string): ProjectCase[] {
  const cases: ProjectCase[] = [];
  let current: ProjectCase | undefined;
  let file: string | undefined;
  for (const line of text.split('\n')) {
    const caseMatch = /^## case: (.*)$/.exec(line);
    if (caseMatch) {
      current = { title: caseMatch[1], expects: [], oks: [], files: new Map() };
      cases.push(current);
      file = undefined;
      continue;
    }
    if (!current) continue;
    const expect = file === undefined ? /^## expect: (\S+) (.+):(\d+)$/.exec(line) : null;
    if (expect) {
      current.expects.push({ ruleId: expect[1], path: expect[2], line: Number(expect[3]) });
      continue;
    }
    const ok = file === undefined ? /^## ok: (\S+)$/.exec(line) : null;
    if (ok) {
      current.oks.push(ok[1]);
      continue;
    }
    const header = /^--- (.+)$/.exec(line);
    if (header) {
      file = header[1];
      current.files.set(file, '');
      continue;
    }
    if (file !== undefined) current.files.set(file, current.files.get(file) + line + '\n');
  }
  // The line break before the next header belongs to the format, not the file.
  for (const c of cases) for (const [path, content] of c.files) c.files.set(path, content.replace(/\n\n$/, '\n'));
  return cases;
}

export function renderProjectFixture(cases: readonly ProjectCase[]): string {
  return cases
    .map((c) => {
      const header = [
        `## case: ${c.title}`,
        ...c.expects.map((e) => `## expect: ${e.ruleId} ${e.path}:${e.line}`),
        ...c.oks.map((id) => `## ok: ${id}`),
      ];
      const files = [...c.files].map(
        ([path, content]) => `--- ${path}\n${content}${content === '' || content.endsWith('\n') ? '' : '\n'}`,
      );
      return header.join('\n') + '\n' + files.join('');
    })
    .join('\n');
}

/** An in-memory file system holding one case's files. */
export function memoryHost(files: ReadonlyMap<string, string>): WalkHost {
  return {
    async readDirectory(location) {
      const prefix = location === '' ? '' : location + '/';
      const entries = new Map<string, 'file' | 'directory'>();
      for (const path of files.keys()) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        entries.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
      }
      return [...entries].map(([name, type]) => ({ name, type }));
    },
    async readText(location) {
      return files.get(location);
    },
    join: (folder, name) => (folder === '' ? name : `${folder}/${name}`),
  };
}

/** Walks, analyzes and decides one case as the CLI and the server would. */
export async function analyzeProjectCase(
  c: ProjectCase,
  config: ResolvedConfig = defaultConfig,
): Promise<WorkspaceAnalysis> {
  const walked = await walkProject('', memoryHost(c.files));
  const files: WorkspaceFile[] = [];
  for (const source of walked.sources) {
    const text = c.files.get(source.path)!;
    const names = companionFiles(source.path, undefined, text);
    const folder = source.path.includes('/') ? source.path.slice(0, source.path.lastIndexOf('/') + 1) : '';
    const companions = Object.fromEntries(names.map((n) => [n, c.files.get(folder + n) ?? null]));
    const result = analyze({ path: source.path, text, companions }, config);
    files.push({
      path: source.path,
      findings: result.findings,
      facts: result.facts,
      ...(result.language ? { language: result.language } : {}),
      ...(result.flows ? { flows: result.flows } : {}),
    });
  }
  const projectFiles = walked.projectFiles.map((f) => {
    const kind = projectFileKind(f.path)!;
    return {
      path: f.path,
      text: projectFileNeedsText(kind) ? (c.files.get(f.path) ?? null) : null,
      ...(f.gitIgnored ? { gitIgnored: true } : {}),
    };
  });
  return analyzeWorkspace({ files, projectFiles, gitIgnored: walked.gitIgnored }, config);
}
