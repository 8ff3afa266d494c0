// For the real-editor tests (test/editors): the README's editor snippets, read from between their
// markers so the README and the tests cannot drift, and a small project to open with them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..');
export const lspBin = join(repoRoot, 'bin', 'blah-security-lsp.js');

/** Set to 1 to skip the editor tests where Neovim or Emacs cannot be installed. */
export const SKIP_VARIABLE = 'BLAH_SECURITY_SKIP_EDITORS';
export const skipEditors = process.env[SKIP_VARIABLE] === '1' ? `${SKIP_VARIABLE}=1` : false;

/** The fenced code between `<!-- snippet: NAME -->` and `<!-- /snippet -->` in README.md. */
export function readmeSnippet(name: string): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(`<!-- snippet: ${name} -->`);
  const end = readme.indexOf('<!-- /snippet -->', start);
  if (start < 0 || end < 0) throw new Error(`README.md has no snippet "${name}"`);
  const fenced = /```[\w-]*\n([\s\S]*?)\n```/.exec(readme.slice(start, end));
  if (!fenced) throw new Error(`snippet "${name}" in README.md has no fenced code block`);
  return fenced[1];
}

/** The snippet with its one occurrence of `from` (the server command) replaced by `to`. */
export function replaceOnce(snippet: string, from: string, to: string): string {
  const parts = snippet.split(from);
  if (parts.length !== 2) throw new Error(`expected "${from}" once in the snippet, found it ${parts.length - 1} times`);
  return parts.join(to);
}

/** The path of an executable on PATH, or undefined. */
export function executable(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

/** What a missing editor fails with. */
export function missing(editor: string, packages: string): string {
  return `${editor} is not installed: apt-get install ${packages} (.ci/run does), or set ${SKIP_VARIABLE}=1 to skip the editor tests`;
}

/** One finding of each language, each with a rule the test looks for. */
export const projectFiles: Record<string, { text: string; rule: string }> = {
  'src/server.ts': {
    text: "import express from 'express';\nconst app = express();\napp.get('/u', (req, res) => db.query(`SELECT * FROM users WHERE id = ${req.query.id}`));\n",
    rule: 'ts/sql-injection',
  },
  Dockerfile: {
    text: 'FROM node:20.11-alpine\nCOPY . /app\nCMD ["node", "/app/index.js"]\n',
    rule: 'docker/root-user',
  },
  'nginx.conf': {
    text: 'http {\n  server {\n    listen 80;\n    autoindex on;\n    location / { root /srv/www; }\n  }\n}\n',
    rule: 'nginx/autoindex',
  },
};

/** A git repository holding `projectFiles`, and a home for the editor's own files (XDG folders). */
export function editorProject(prefix: string): { root: string; home: string; files: string[] } {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const root = join(base, 'project');
  const home = join(base, 'home');
  mkdirSync(home, { recursive: true });
  for (const [path, { text }] of Object.entries(projectFiles)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const git = spawnSync('git', ['init', '-q', root], { encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git init failed: ${git.stderr}`);
  return { root, home, files: Object.keys(projectFiles).map((path) => join(root, path)) };
}

/** An environment whose editor state (config, data, cache) lives under `home`. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_STATE_HOME: join(home, 'state'),
    ...extra,
  };
}

/** The JSON after the `RESULT ` line an editor harness prints. */
export function resultLine(stdout: string): unknown {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the editor printed no result:\n${stdout}`);
  return JSON.parse(line.slice('RESULT '.length));
}
