// Writes what the rules' metadata decides into the documentation: the README's rule table and
// the header line of every rule page (severity, guide section, checklist item, fix kinds). A
// rule without a page gets one to fill in. The metadata is the one source; test/meta.test.ts
// fails when a file is out of date.
//   npm run docs            # rewrite what is stale
//   npm run docs -- --check # list what is stale, exit 1 if anything is
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checklistItems } from '../server/src/core/checklist';
import { docsPath, fixKinds } from '../server/src/core/docs';
import type { RuleBase } from '../server/src/core/rule';
import { allRules } from '../server/src/rules';

const TABLE_START = "<!-- rules:start (generated from the rules' metadata by `npm run docs`) -->";
const TABLE_END = '<!-- rules:end -->';

const fixInWords: Record<NonNullable<ReturnType<typeof fixKinds>>, string> = {
  fix: 'safe fix',
  suggestion: 'suggestion',
  'fix, suggestion': 'safe fix and suggestions',
};

export function pageHeader(rule: RuleBase): string {
  const item = checklistItems.find((c) => c.id === rule.meta.checklistItem);
  const kinds = fixKinds(rule);
  return `**Severity:** ${rule.meta.severity} · **Guide:** ${rule.meta.guideSection} · **Checklist:** ${item ? item.title : '(none)'} · **Fix:** ${kinds ? fixInWords[kinds] : 'none'}`;
}

export function readmeTable(rules: readonly RuleBase[]): string {
  const rows = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((rule) => `| \`${rule.id}\` | ${rule.meta.severity} | ${fixKinds(rule) ?? '—'} | ${rule.meta.summary} |`);
  return [TABLE_START, '| id | severity | fix | what it catches |', '|---|---|---|---|', ...rows, TABLE_END].join('\n');
}

const SUPPRESS_HEADING = '## Suppress';
/** How the language's files write a suppression comment: the code block's language and the comment marker. */
const suppressComment: Partial<Record<RuleBase['language'], { block: string; marker: string; note?: string }>> = {
  typescript: { block: 'ts', marker: '//' },
  'mcp-config': {
    block: 'jsonc',
    marker: '//',
    note: 'Claude Desktop and Claude Code may read their files as strict JSON, where a comment breaks the file: there, use `.blah-security.json`.',
  },
  dockerfile: { block: 'dockerfile', marker: '#' },
  nginx: { block: 'nginx', marker: '#' },
};

/** The page's last section, the same on every page: the comment (for rules of a language) and the project file. */
export function suppressSection(rule: RuleBase): string {
  const comment = suppressComment[rule.language];
  const config = `\`\`\`json\n{ "rules": { "${rule.id}": "off" } }\n\`\`\``;
  return (
    [
      SUPPRESS_HEADING,
      ...(comment
        ? [
            'On the line above the finding, with the reason it does not apply:',
            `\`\`\`${comment.block}\n${comment.marker} blah-security-ignore-next-line ${rule.id} -- reason\n\`\`\``,
            ...(comment.note ? [comment.note] : []),
            `For the whole project (or the folder of the file), in \`.blah-security.json\`:`,
          ]
        : [`The finding is about the project, not a line: turn the rule off in \`.blah-security.json\`:`]),
      config,
    ].join('\n\n') + '\n'
  );
}

/** A page's text with its Suppress section as the metadata says (replacing the one it has, if any, at the end). */
function withSuppressSection(text: string, rule: RuleBase): string {
  const at = text.indexOf(`\n${SUPPRESS_HEADING}\n`);
  const body = (at >= 0 ? text.slice(0, at) : text).replace(/\n+$/, '');
  return `${body}\n\n${suppressSection(rule)}`;
}

function newPage(rule: RuleBase): string {
  const sections = [
    'What it flags',
    'Why',
    'Bad',
    'Good',
    ...(fixKinds(rule) ? ['Quick fix'] : []),
    'What it does not flag',
  ];
  return withSuppressSection(
    [`# ${rule.id}`, '', pageHeader(rule), '', ...sections.flatMap((s) => [`## ${s}`, 'TODO', '']), ''].join('\n'),
    rule,
  );
}

/** Every documentation file as the metadata says it should read: [repository path, expected text]. */
export function expectedDocs(repo: string): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  for (const rule of allRules) {
    const path = docsPath(rule);
    const full = join(repo, path);
    if (!existsSync(full)) {
      files.push({ path, text: newPage(rule) });
      continue;
    }
    const lines = readFileSync(full, 'utf8').split('\n');
    if (lines[0] !== `# ${rule.id}`) lines.unshift(`# ${rule.id}`, '');
    if (lines[2]?.startsWith('**Severity:**')) lines[2] = pageHeader(rule);
    else lines.splice(2, 0, pageHeader(rule), '');
    files.push({ path, text: withSuppressSection(lines.join('\n'), rule) });
  }
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no rule table between "${TABLE_START}" and "${TABLE_END}"`);
  files.push({
    path: 'README.md',
    text: readme.slice(0, start) + readmeTable(allRules) + readme.slice(end + TABLE_END.length),
  });
  return files;
}

/** The files whose text differs from what the metadata says. */
export function staleDocs(repo: string): Array<{ path: string; text: string }> {
  return expectedDocs(repo).filter(({ path, text }) => {
    const full = join(repo, path);
    return !existsSync(full) || readFileSync(full, 'utf8') !== text;
  });
}

if (require.main === module) {
  const repo = join(__dirname, '..');
  const stale = staleDocs(repo);
  if (process.argv.includes('--check')) {
    for (const { path } of stale) console.log(`out of date: ${path}`);
    if (stale.length > 0) console.log("Run `npm run docs` to regenerate them from the rules' metadata.");
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else {
    for (const { path, text } of stale) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
      console.log(`wrote ${path}`);
    }
    if (stale.length === 0) console.log("The documentation matches the rules' metadata.");
  }
}
