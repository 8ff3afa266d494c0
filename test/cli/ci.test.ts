// What CI builds on: fingerprints code scanning and baselines can track, suppressed findings kept
// as SARIF suppressions, SARIF fixes, --fix and --fix-dry-run on real files, baselines, and the
// GitHub Action and pre-commit hooks of the repository run as they are written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import ts from 'typescript';
import { allRules } from '../../server/src/rules';
import { assertValidSarif, type SarifLog, type SarifRegion } from '../helpers/sarif';

const repo = join(__dirname, '..', '..');
const bin = join(repo, 'bin', 'blah-security.js');
const FINGERPRINT = 'blahSecurity/v1';

function cli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  summary: Record<string, number>;
  files: Array<{
    path: string;
    findings: Array<{
      ruleId: string;
      range: { start: { line: number } };
      fixes: Array<{ title: string; kind: string }>;
      fingerprint?: string;
      suppressed?: { justification?: string };
    }>;
  }>;
}

const scratch = mkdtempSync(join(tmpdir(), 'blah-ci-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of an example (or any folder of the repository) to change. */
function copyOf(folder: string): string {
  const target = join(scratch, `copy-${++copies}`);
  cpSync(join(repo, folder), target, { recursive: true });
  return target;
}

function project(files: Record<string, string>): string {
  const root = join(scratch, `project-${++copies}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Every file under `root` with its bytes (to tell that nothing was written). */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full).split(sep).join('/'), readFileSync(full).toString('base64'));
    }
  };
  walk(root);
  return files;
}

const results = (log: SarifLog) => log.runs[0].results;
const fingerprintsOf = (log: SarifLog): string[] => results(log).map((r) => r.partialFingerprints![FINGERPRINT]);

const secret = "export const apiKey = 'sk-1234567890abcdef';\n";

describe('SARIF for code scanning', () => {
  it('keeps every fingerprint when lines are inserted above the findings, and tells duplicates apart', () => {
    const root = project({ 'src/a.ts': `${secret}export const other = 1;\n${secret}` });
    const before = assertValidSarif(cli(['scan', '.', '--format', 'sarif'], root).stdout);
    assert.equal(results(before).length, 2);
    const prints = fingerprintsOf(before);
    assert.ok(
      prints.every((p) => /^[0-9a-f]{32}:\d+$/.test(p)),
      prints.join(', '),
    );
    // The same line twice is two findings, with two fingerprints.
    assert.notEqual(prints[0], prints[1]);
    writeFileSync(
      join(root, 'src', 'a.ts'),
      `// a header\n\nimport './b';\n${secret}export const other = 1;\n${secret}`,
    );
    const moved = assertValidSarif(cli(['scan', '.', '--format', 'sarif'], root).stdout);
    assert.deepEqual(
      results(moved).map((r) => r.locations[0].physicalLocation.region.startLine),
      [4, 6],
      'the findings moved down three lines',
    );
    assert.deepEqual(fingerprintsOf(moved), prints);
    // Another rule's finding, or the same text in another file, is another fingerprint.
    writeFileSync(join(root, 'src', 'b.ts'), secret);
    const both = assertValidSarif(cli(['scan', '.', '--format', 'sarif'], root).stdout);
    const inB = results(both).find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/b.ts')!;
    assert.ok(!prints.includes(inB.partialFingerprints![FINGERPRINT]));
  });

  it('gives the same fingerprints whichever folder the scan runs from (paths from the project root)', () => {
    const root = project({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/a.ts': secret });
    const prints = (cwd: string, target: string): string[] =>
      fingerprintsOf(assertValidSarif(cli(['scan', target, '--format', 'sarif'], cwd).stdout));
    const fromRoot = prints(root, '.');
    assert.equal(fromRoot.length, 1);
    assert.deepEqual(prints(join(root, 'src'), '.'), fromRoot, 'scanned from the subfolder');
    assert.deepEqual(prints(scratch, relative(scratch, root)), fromRoot, 'scanned from outside the project');
  });

  it('records suppressed findings as inSource suppressions with their reason, in valid SARIF, and fails on none of them', () => {
    const root = project({
      'src/a.ts': [
        '// blah-security-ignore-next-line secret/hardcoded-credential -- revoked key used by a test',
        "export const apiKey = 'sk-1234567890abcdef';",
        "export const password = 'SuperSecret123!'; // blah-security-ignore secret/hardcoded-password",
        '',
      ].join('\n'),
      // A flow between files whose sink is suppressed keeps its code flow.
      'src/server.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
        "import { z } from 'zod';",
        "import { runCommand } from './exec.js';",
        "const server = new McpServer({ name: 'shell-helper', version: '1.0.0' });",
        "server.tool('run', { command: z.string().max(200) }, async ({ command }) => {",
        '  const output = await runCommand(command);',
        "  return { content: [{ type: 'text', text: output }] };",
        '});',
        'await server.connect(new StdioServerTransport());',
        '',
      ].join('\n'),
      'src/exec.ts': [
        "import { execSync } from 'node:child_process';",
        'export function runCommand(command: string): string {',
        '  // blah-security-ignore-next-line ts/command-injection -- the tool is an operator shell by design',
        "  return execSync(command, { encoding: 'utf8' });",
        '}',
        '',
      ].join('\n'),
    });
    const sarif = cli(['scan', 'src', '--format', 'sarif'], root);
    assert.equal(sarif.status, 0, 'suppressed errors fail nothing');
    const log = assertValidSarif(sarif.stdout);
    const suppressions = results(log).map((r) => [r.ruleId, r.suppressions]);
    assert.deepEqual(suppressions, [
      ['secret/hardcoded-credential', [{ kind: 'inSource', justification: 'revoked key used by a test' }]],
      ['secret/hardcoded-password', [{ kind: 'inSource' }]],
      ['ts/command-injection', [{ kind: 'inSource', justification: 'the tool is an operator shell by design' }]],
    ]);
    const flow = results(log).find((r) => r.ruleId === 'ts/command-injection')!;
    assert.ok(flow.codeFlows && flow.codeFlows[0].threadFlows[0].locations.length >= 2, 'the flow is kept');
    assert.ok(flow.relatedLocations && flow.relatedLocations.length > 0);

    const json = JSON.parse(cli(['scan', 'src', '--format', 'json'], root).stdout) as JsonReport;
    assert.equal(json.summary.suppressed, 3);
    assert.equal(json.summary.error, 0);
    const a = json.files.find((f) => f.path === 'src/a.ts')!;
    assert.deepEqual(a.findings[0].suppressed, { justification: 'revoked key used by a test' });

    const text = cli(['scan', 'src', '--no-color'], root);
    assert.equal(text.status, 0);
    assert.ok(!/hardcoded|command-injection/.test(text.stdout), text.stdout);
    assert.match(text.stdout, /No problems found in 3 files, 3 suppressed\./);
    // A finding no comment covers still fails the scan.
    writeFileSync(join(root, 'src', 'b.ts'), secret);
    assert.equal(cli(['scan', 'src'], root).status, 1);
  });

  it('gives a flow within one file its source as a related location and a code flow, and other related places no code flow', () => {
    const root = project({
      'package.json': '{ "name": "one-file", "version": "1.0.0" }\n',
      'src/tool.ts': [
        "import { exec } from 'node:child_process';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        "import { z } from 'zod';",
        "const server = new McpServer({ name: 'files', version: '1.0.0' });",
        "server.tool('list', { dir: z.string().max(100) }, async ({ dir }) => {",
        '  exec(`ls -la ${dir}`);',
        '  return { content: [] };',
        '});',
        '',
      ].join('\n'),
      Dockerfile: ['FROM node:20-slim', 'USER root', 'CMD ["node", "server.js"]', ''].join('\n'),
    });
    const sarif = cli(['scan', '.', '--format', 'sarif'], root);
    assert.equal(sarif.status, 1, sarif.stderr);
    const log = assertValidSarif(sarif.stdout);
    type Place = {
      physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion };
      message?: { text: string };
    };
    const place = (p: Place): [string, number, string | undefined] => [
      p.physicalLocation.artifactLocation.uri,
      p.physicalLocation.region.startLine,
      p.message?.text,
    ];
    const flow = results(log).find((r) => r.ruleId === 'ts/command-injection');
    assert.ok(
      flow,
      results(log)
        .map((r) => r.ruleId)
        .join(', '),
    );
    assert.deepEqual((flow.relatedLocations as Place[]).map(place), [
      ['src/tool.ts', 5, "source: an MCP tool argument ('{ dir }')"],
    ]);
    assert.equal(flow.codeFlows?.length, 1);
    const steps = flow.codeFlows[0].threadFlows[0].locations as Array<{ location: Place }>;
    assert.deepEqual(
      steps.map((s) => place(s.location)),
      [
        ['src/tool.ts', 5, "source: an MCP tool argument ('{ dir }')"],
        ['src/tool.ts', 6, 'sink'],
      ],
    );
    // The stage that runs as root explains the finding, but no data flows there.
    const root_ = results(log).find((r) => r.ruleId === 'docker/root-user');
    assert.ok(root_);
    assert.deepEqual((root_.relatedLocations as Place[]).map(place), [
      ['Dockerfile', 1, 'the final stage starts here'],
      ['Dockerfile', 3, 'the container starts as root with this CMD'],
    ]);
    assert.equal(root_.codeFlows, undefined);

    // The text report names the source under the finding, and streams it with the file (not held back for the project).
    const text = cli(['scan', '.', '--no-color'], root);
    const lines = text.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('src/tool.ts:6:') && l.includes('ts/command-injection'));
    assert.ok(at >= 0, text.stdout);
    assert.equal(lines[at + 1], "    src/tool.ts:5:58: source: an MCP tool argument ('{ dir }')");
    assert.ok(!text.stdout.includes('Decided for the whole project'), text.stdout);
  });

  it('describes safe fixes as SARIF replacements that give the fixed text, and offers no suggestion', () => {
    const root = copyOf('examples/insecure-mcp-server');
    const log = assertValidSarif(cli(['scan', '.', '--format', 'sarif'], root).stdout);
    const withFixes = results(log).filter((r) => r.fixes);
    assert.ok(withFixes.length > 10, `${withFixes.length} results with fixes`);
    const kinds = new Map(allRules.map((r) => [r.id, r.meta]));
    for (const result of withFixes) assert.equal(kinds.get(result.ruleId)?.fixable, true, result.ruleId);
    const npm = results(log).find((r) => r.ruleId === 'docker/npm-install')!;
    const change = npm.fixes![0].artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'Dockerfile');
    const lines = readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n');
    const offset = (line: number, column: number): number =>
      lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    let text = lines.join('\n');
    const ordered = [...change.replacements].sort((x, y) => y.deletedRegion.startLine - x.deletedRegion.startLine);
    for (const { deletedRegion: r, insertedContent } of ordered) {
      const region = r as SarifRegion;
      text =
        text.slice(0, offset(region.startLine, region.startColumn)) +
        insertedContent.text +
        text.slice(offset(region.endLine, region.endColumn));
    }
    assert.match(text, /^RUN npm ci && chmod -R 777 \/app$/m);
    // A suggestion (a fix that may change behaviour) is never described as a SARIF fix.
    const suggestionOnly = allRules.filter((r) => r.meta.hasSuggestions && !r.meta.fixable).map((r) => r.id);
    assert.ok(suggestionOnly.length > 0);
    assert.ok(!withFixes.some((r) => suggestionOnly.includes(r.ruleId)));
  });
});

/** The findings of a scan as `path rule` lines, and which of them have a safe fix. */
function findingsOf(root: string): { all: string[]; unfixable: string[]; fixable: string[] } {
  const report = JSON.parse(cli(['scan', '.', '--format', 'json'], root).stdout) as JsonReport;
  const all: string[] = [];
  const unfixable: string[] = [];
  const fixable: string[] = [];
  for (const file of report.files)
    for (const f of file.findings) {
      if (f.suppressed) continue;
      const line = `${file.path} ${f.ruleId}`;
      all.push(line);
      (f.fixes.some((fix) => fix.kind === 'fix') ? fixable : unfixable).push(line);
    }
  return { all: all.sort(), unfixable: unfixable.sort(), fixable: fixable.sort() };
}

function typeScriptFiles(root: string): string[] {
  return [...snapshot(root).keys()].filter((p) => /\.[cm]?tsx?$/.test(p));
}

describe('--fix and --fix-dry-run', () => {
  it('--fix applies every safe fix and leaves only the findings without one, in TypeScript that still parses', () => {
    const root = copyOf('examples/insecure-mcp-server');
    const before = findingsOf(root);
    assert.ok(before.fixable.length > 20, `${before.fixable.length} fixable findings`);
    const original = snapshot(root);
    const fixed = cli(['scan', '.', '--fix', '--no-color'], root);
    assert.equal(fixed.status, 1, 'unfixable errors are left');
    assert.match(fixed.stderr, /safe fixes applied to \d+ files/);
    const left = findingsOf(root);
    assert.deepEqual(left.fixable, [], 'no safe fix is left');
    // What had no safe fix is left, and nothing that had one. (Fixes can add findings without
    // one: headers copied into an nginx `if` block are if-is-evil findings.)
    const unmatched = [...left.all];
    for (const line of before.unfixable) {
      const at = unmatched.indexOf(line);
      assert.ok(at >= 0, `${line} was not fixable, yet it is gone`);
      unmatched.splice(at, 1);
    }
    for (const line of before.fixable) assert.ok(!unmatched.includes(line) || before.unfixable.includes(line), line);
    // The text report printed is the scan after the fixes.
    assert.match(fixed.stdout, new RegExp(`\\n${left.all.length} problems `));
    const changed = [...snapshot(root)].filter(([path, bytes]) => original.get(path) !== bytes).map(([p]) => p);
    assert.ok(changed.includes('src/db.ts') && changed.includes('Dockerfile'), changed.join(', '));
    // A companion edit: the lines a fix adds to .dockerignore (created, inside the project).
    assert.match(readFileSync(join(root, '.dockerignore'), 'utf8'), /^\.env$/m);
    for (const path of typeScriptFiles(root)) {
      const text = readFileSync(join(root, path), 'utf8');
      const output = ts.transpileModule(text, {
        fileName: path,
        reportDiagnostics: true,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      });
      assert.deepEqual(
        (output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
        [],
        `${path} no longer parses`,
      );
    }
    // Nothing is left to fix: a second --fix changes nothing.
    const again = snapshot(root);
    cli(['scan', '.', '--fix'], root);
    assert.deepEqual(snapshot(root), again);
  });

  it('--fix-dry-run writes nothing and prints the diff of exactly the files --fix changes', () => {
    const root = copyOf('examples/insecure-mcp-server');
    const original = snapshot(root);
    const dry = cli(['scan', '.', '--fix-dry-run'], root);
    assert.equal(dry.status, 1);
    assert.deepEqual(snapshot(root), original, 'a dry run writes nothing');
    assert.match(dry.stdout, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ -\d+,\d+ \+\d+,\d+ @@\n/m);
    assert.match(dry.stdout, /^-RUN npm install && chmod -R 777 \/app\n\+RUN npm ci && chmod -R 755 \/app$/m);
    assert.match(dry.stdout, /^--- \/dev\/null\n\+\+\+ b\/\.dockerignore$/m);
    const diffed = [...dry.stdout.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((m) => m[1]).sort();
    cli(['scan', '.', '--fix'], root);
    const after = snapshot(root);
    const changed = [...after.keys()].filter((path) => original.get(path) !== after.get(path)).sort();
    assert.deepEqual(diffed, changed);
    // What the dry run would leave is its report in --output.
    const copy = copyOf('examples/insecure-mcp-server');
    const out = join(scratch, 'dry.json');
    cli(['scan', '.', '--fix-dry-run', '--format', 'json', '--output', out], copy);
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    const safeLeft = report.files.flatMap((f) => f.findings.filter((x) => x.fixes.some((k) => k.kind === 'fix')));
    assert.deepEqual(safeLeft, []);
  });

  it('never writes through a symbolic link or outside the project', () => {
    const outside = join(scratch, 'outside.txt');
    writeFileSync(outside, 'keep\n');
    const root = project({ Dockerfile: 'FROM node:20\nCOPY . .\nRUN npm install\nUSER node\n', '.env': 'A=1\n' });
    mkdirSync(join(root, '.git'));
    symlinkSync(outside, join(root, '.dockerignore'));
    const fixed = cli(['scan', '.', '--fix'], root);
    assert.match(fixed.stderr, /\.dockerignore: fixes not applied: a symbolic link/);
    assert.equal(readFileSync(outside, 'utf8'), 'keep\n');
    // The Dockerfile's own fix is applied.
    assert.match(readFileSync(join(root, 'Dockerfile'), 'utf8'), /^RUN npm ci$/m);
  });

  it('rejects --fix with --fix-dry-run', () => {
    const result = cli(['scan', '.', '--fix', '--fix-dry-run'], scratch);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--fix and --fix-dry-run cannot be combined/);
  });
});

describe('baselines', () => {
  for (const name of ['baseline.sarif', 'baseline.json']) {
    it(`reports only what is new since a baseline (${name})`, () => {
      const root = copyOf('examples/insecure-mcp-server');
      const baseline = join(scratch, `${copies}-${name}`);
      const written = cli(['scan', '.', '--write-baseline', baseline], root);
      assert.equal(written.status, 0, 'the findings a baseline records do not fail the scan that writes it');
      const text = readFileSync(baseline, 'utf8');
      if (name.endsWith('.sarif')) assert.ok(results(assertValidSarif(text)).length > 50);
      else assert.ok((JSON.parse(text) as JsonReport).files.length > 5);

      const same = cli(['scan', '.', '--baseline', baseline, '--format', 'sarif'], root);
      assert.equal(same.status, 0, same.stderr);
      assert.deepEqual(results(assertValidSarif(same.stdout)), []);

      // A new finding, in a file whose other findings move down a line.
      const db = join(root, 'src', 'db.ts');
      writeFileSync(db, `${secret}${readFileSync(db, 'utf8')}`);
      const json = cli(['scan', '.', '--baseline', baseline, '--format', 'json'], root);
      assert.equal(json.status, 1);
      const report = JSON.parse(json.stdout) as JsonReport;
      const fresh = report.files.flatMap((f) =>
        f.findings.map((x) => `${f.path}:${x.range.start.line + 1} ${x.ruleId}`),
      );
      assert.deepEqual(fresh, ['src/db.ts:1 secret/hardcoded-credential']);
      assert.ok(report.summary.baselined > 50);
      const sarif = assertValidSarif(cli(['scan', '.', '--baseline', baseline, '--format', 'sarif'], root).stdout);
      assert.deepEqual(
        results(sarif).map((r) => [r.ruleId, r.baselineState]),
        [['secret/hardcoded-credential', 'new']],
      );
      assert.match(cli(['scan', '.', '--baseline', baseline, '--no-color'], root).stdout, /\d+ in the baseline/);
    });
  }

  it('exits 2 on a baseline that cannot be read or is not a report', () => {
    const root = project({ 'a.ts': secret, 'bad.json': '{"hello": 1}', 'broken.sarif': '{' });
    const missing = cli(['scan', 'a.ts', '--baseline', 'none.sarif'], root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the baseline none\.sarif: ENOENT/);
    assert.match(cli(['scan', 'a.ts', '--baseline', 'bad.json'], root).stderr, /neither a SARIF log nor a JSON report/);
    assert.equal(cli(['scan', 'a.ts', '--baseline', 'broken.sarif'], root).status, 2);
  });
});

/**
 * The few YAML shapes action.yml and .pre-commit-hooks.yaml use (mappings, lists of mappings,
 * `|` blocks, flow lists of plain words): enough to run what the files say, not a YAML parser.
 */
function readYamlBlock(text: string, key: string, indent: number): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`${' '.repeat(indent)}${key}: |`));
  if (at < 0) return undefined;
  const body: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() !== '' && !line.startsWith(' '.repeat(indent + 2))) break;
    body.push(line.slice(indent + 2));
  }
  return body.join('\n');
}

function yamlMapping(text: string, key: string, indent: number): Map<string, string> {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line === `${' '.repeat(indent)}${key}:`);
  const entries = new Map<string, string>();
  if (at < 0) return entries;
  for (const line of lines.slice(at + 1)) {
    const match = new RegExp(`^ {${indent + 2}}([\\w-]+): (.*)$`).exec(line);
    if (!match) break;
    entries.set(match[1], match[2].replace(/^'(.*)'$/, '$1'));
  }
  return entries;
}

describe('the GitHub Action and the pre-commit hooks', () => {
  const action = readFileSync(join(repo, 'action.yml'), 'utf8');

  /** Runs the action's scan step as a runner would: its inputs' defaults, overridden by `inputs`, in its environment. */
  function runAction(cwd: string, inputs: Record<string, string>): { status: number | null; output: string } {
    const defaults = new Map<string, string>();
    for (const match of action.matchAll(/^ {2}([\w-]+):\n(?: {4}.*\n)*? {4}default: '(.*)'$/gm))
      defaults.set(match[1], match[2]);
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: repo };
    for (const [name, value] of yamlMapping(action, 'env', 6)) {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value);
      assert.ok(input, `${name} is set from an input`);
      env[name] = inputs[input[1]] ?? defaults.get(input[1]);
      assert.notEqual(env[name], undefined, `input ${input[1]} has a default`);
    }
    const outputFile = join(scratch, `github-output-${++copies}`);
    writeFileSync(outputFile, '');
    env.GITHUB_OUTPUT = outputFile;
    const script = readYamlBlock(action, 'run', 6);
    assert.ok(script, 'the action has a run step');
    const result = spawnSync('bash', ['-e', '-c', script], { cwd, env, encoding: 'utf8', timeout: 120000 });
    return { status: result.status, output: readFileSync(outputFile, 'utf8') };
  }

  it('action.yml is a composite action whose scan writes SARIF and fails on findings', () => {
    assert.match(action, /^runs:\n {2}using: composite$/m);
    assert.match(readYamlBlock(action, 'run', 6)!, /--format sarif/);
    const insecure = copyOf('examples/insecure-mcp-server');
    const run = runAction(insecure, {});
    assert.equal(run.status, 1, 'findings at the default fail-on level fail the step');
    assert.match(run.output, /^sarif-file=blah-security\.sarif$/m);
    const log = assertValidSarif(readFileSync(join(insecure, 'blah-security.sarif'), 'utf8'));
    assert.ok(results(log).length > 50);

    const secure = copyOf('examples/secure-mcp-server');
    assert.equal(runAction(secure, {}).status, 0);
    assert.ok(existsSync(join(secure, 'blah-security.sarif')));

    // A baseline input: only what is new fails the step.
    const baseline = join(insecure, 'blah-security.sarif');
    const again = runAction(insecure, { baseline, 'sarif-file': 'new.sarif', paths: 'src Dockerfile' });
    assert.equal(again.status, 0);
    assert.deepEqual(results(assertValidSarif(readFileSync(join(insecure, 'new.sarif'), 'utf8'))), []);
  });

  it('.pre-commit-hooks.yaml hooks run the scanner on the files they select', () => {
    const hooks = readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8');
    const entries = [...hooks.matchAll(/^- id: (.+)\n((?: {2}.*\n)*)/gm)].map((m) => ({
      id: m[1],
      fields: new Map([...m[2].matchAll(/^ {2}([\w_]+): (.*)$/gm)].map((f) => [f[1], f[2].replace(/^'(.*)'$/, '$1')])),
    }));
    assert.deepEqual(
      entries.map((e) => e.id),
      ['blah-security', 'blah-security-project'],
    );
    const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const command = (entry: string): string[] => {
      const [name, ...args] = entry.split(' ');
      assert.equal(packageJson.bin[name], './bin/blah-security.js', `${name} is the package's scanner`);
      return args;
    };
    const insecure = copyOf('examples/insecure-mcp-server');
    const secure = copyOf('examples/secure-mcp-server');
    for (const { id, fields } of entries) {
      assert.equal(fields.get('language'), 'node');
      const args = command(fields.get('entry')!);
      if (fields.get('pass_filenames') === 'false') {
        assert.equal(cli(args, insecure).status, 1, id);
        assert.equal(cli(args, secure).status, 0, id);
        continue;
      }
      const files = new RegExp(fields.get('files')!);
      const exclude = new RegExp(fields.get('exclude') ?? '$^');
      const chosen = (path: string): boolean => files.test(path) && !exclude.test(path);
      const selected = (root: string): string[] => [...snapshot(root).keys()].filter(chosen);
      const picked = selected(insecure);
      for (const path of ['Dockerfile', 'nginx.conf', 'src/db.ts']) assert.ok(picked.includes(path), path);
      for (const path of ['README.md', 'package.json', '.env', 'docs/site.conf.txt', 'src/types.d.ts'])
        assert.ok(!chosen(path), path);
      for (const path of ['a.mjs', 'a.cts', 'web/App.tsx', 'Dockerfile.prod', 'app.dockerfile', 'site.nginx'])
        assert.ok(chosen(path), path);
      assert.equal(cli([...args, ...picked], insecure).status, 1, id);
      assert.equal(cli([...args, ...selected(secure)], secure).status, 0, id);
    }
  });
});
