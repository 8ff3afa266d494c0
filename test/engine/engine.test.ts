// Engine behaviour beyond single rules: suppressions, configuration, rule isolation, edits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { runJob } from '../../server/src/host/analysisJob';
import { analyze } from '../../server/src/engine/analyze';
import { parseProjectConfig, resolveConfig } from '../../server/src/core/config';
import { applyTextEdits, combineFixes } from '../../server/src/core/edits';
import { IgnoreRules } from '../../server/src/core/ignore';
import { allRules, ruleIds, type Rule } from '../../server/src/rules';
import type { Fix } from '../../server/src/core/rule';
import { LineIndex } from '../../server/src/core/text';
import type { DockerRule } from '../../server/src/languages/dockerfile/rule';
import type { NginxRule } from '../../server/src/languages/nginx/rule';
import { TsFile } from '../../server/src/languages/typescript/file';
import { forEachIdentifier, memberAliases, mentionsModule } from '../../server/src/languages/typescript/modules';
import { codeText } from '../../server/src/languages/typescript/comments';
import { FACT } from '../../server/src/core/facts';
import { analyzeProjectCase } from '../helpers/projectFixtures';
import type { TsRule } from '../../server/src/languages/typescript/rule';

const secretLine = "const apiKey = 'sk-1234567890abcdef';";
const passwordLine = "const password = 'SuperSecret123!';";
const ids = (text: string, path = 'src/a.ts') =>
  analyze({ path, text }).findings.map((f) => `${f.range.start.line}:${f.ruleId}`);

describe('suppression comments', () => {
  it('ignore-next-line with an id suppresses that rule on the next line only', () => {
    const text = [
      '// blah-security-ignore-next-line secret/hardcoded-credential -- test fixture key',
      secretLine,
      secretLine,
    ].join('\n');
    assert.deepEqual(ids(text), ['2:secret/hardcoded-credential']);
  });

  it('end-of-line ignore suppresses its own line', () => {
    assert.deepEqual(ids(`${secretLine} // blah-security-ignore secret/hardcoded-credential`), []);
  });

  it('several ids, comma-separated, and no id meaning all rules', () => {
    const text = [
      '/* blah-security-ignore-next-line secret/hardcoded-credential, secret/hardcoded-password */',
      `${secretLine} ${passwordLine}`,
      '// blah-security-ignore-next-line',
      `${secretLine} ${passwordLine}`,
      '// blah-security-ignore-next-line secret/hardcoded-password',
      `${secretLine} ${passwordLine}`,
    ].join('\n');
    assert.deepEqual(ids(text), ['5:secret/hardcoded-credential']);
  });

  it('is only honoured in comments, and only for the exact directive', () => {
    const text = [
      "const note = '// blah-security-ignore-next-line';",
      secretLine,
      '// blah-security-ignored secret/hardcoded-credential',
      secretLine,
    ].join('\n');
    assert.deepEqual(ids(text), ['1:secret/hardcoded-credential', '3:secret/hardcoded-credential']);
  });

  it('keeps suppressed findings, marked with the reason, only when asked to', () => {
    const text = [
      '// blah-security-ignore-next-line secret/hardcoded-credential -- test fixture key',
      secretLine,
      `${passwordLine} // blah-security-ignore`,
      secretLine,
    ].join('\n');
    const kept = analyze({ path: 'src/a.ts', text }, undefined, undefined, { keepSuppressed: true }).findings;
    assert.deepEqual(
      kept.map((f) => [f.range.start.line, f.ruleId, f.suppressed]),
      [
        [1, 'secret/hardcoded-credential', { justification: 'test fixture key' }],
        [2, 'secret/hardcoded-password', {}],
        [3, 'secret/hardcoded-credential', undefined],
      ],
    );
    // What editors get: the suppressed findings are not there at all.
    assert.deepEqual(ids(text), ['3:secret/hardcoded-credential']);
    const docker = analyze(
      {
        path: 'Dockerfile',
        text: 'FROM node:20\n# blah-security-ignore-next-line docker/sudo -- build step\nRUN sudo ls\n',
      },
      undefined,
      undefined,
      { keepSuppressed: true },
    ).findings.find((f) => f.ruleId === 'docker/sudo');
    assert.deepEqual(docker?.suppressed, { justification: 'build step' });
  });

  // Protects: suppressed findings take no place among the 500 a rule may list in a file, so a
  // file with many suppressed lines still shows all of its real findings (and no "N more").
  it('drops suppressed findings before the per-rule cap counts them', () => {
    const text = [
      ...Array.from({ length: 300 }, () => `${secretLine} // blah-security-ignore secret/hardcoded-credential`),
      ...Array.from({ length: 300 }, () => secretLine),
    ].join('\n');
    const found = analyze({ path: 'src/a.ts', text }).findings.filter(
      (f) => f.ruleId === 'secret/hardcoded-credential',
    );
    assert.equal(found.length, 300);
    assert.ok(found.every((f) => f.range.start.line >= 300));
    assert.ok(!found.some((f) => /more .* findings in this file are not listed/.test(f.message)));
  });

  it('works in JSX comments', () => {
    const text = [
      'const el = (',
      '  <div>',
      '    {/* blah-security-ignore-next-line secret/hardcoded-credential */}',
      "    <Map apiKey='sk-1234567890abcdef' />",
      '  </div>',
      ');',
    ].join('\n');
    assert.deepEqual(ids(text, 'src/a.tsx'), []);
  });
});

describe('project configuration', () => {
  it('reads JSONC and applies severities and off', () => {
    const { config, problems } = parseProjectConfig(
      '{\n // comment\n "rules": { "secret/hardcoded-password": "off", "secret/hardcoded-credential": "warning", },\n}',
      ruleIds,
    );
    assert.deepEqual(problems, []);
    const result = analyze({ path: 'src/a.ts', text: `${secretLine}\n${passwordLine}` }, resolveConfig(config));
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.severity]),
      [['secret/hardcoded-credential', 'warning']],
    );
  });

  it('settings override the project file', () => {
    const { config } = parseProjectConfig('{ "rules": { "secret/hardcoded-password": "off" } }', ruleIds);
    const resolved = resolveConfig(config, { rules: { 'secret/hardcoded-password': 'error', 'not/a-rule': 'loud' } });
    assert.equal(resolved.severities['secret/hardcoded-password'], 'error');
    assert.equal(resolved.severities['not/a-rule'], undefined);
  });

  it('reports every problem with its place and never throws', () => {
    const text =
      '{ "rules": { "secret/hardcoded-pasword": "off", "ts/sql-injection": 3 }, "ignore": [""], "colour": 1 }';
    const { problems } = parseProjectConfig(text, ruleIds);
    const described = problems.map((p) => `${p.severity}@${text.slice(p.start, p.end)}: ${p.message}`);
    assert.deepEqual(described, [
      'warning@"colour": Unknown setting "colour" in .blah-security.json; expected "root", "rules", "ignore", "languages" or "trustedRegistries".',
      'warning@"secret/hardcoded-pasword": Unknown rule "secret/hardcoded-pasword". Did you mean "secret/hardcoded-password"?',
      'error@3: Severity of "ts/sql-injection" must be "off", "info", "warning" or "error".',
      'error@"": Each "ignore" entry must be a non-empty glob pattern string.',
    ]);
    for (const bad of ['', '[]', '{', 'null', '{"rules": []}', '\u0000\u0001', '{"ignore": {}}', '"text"']) {
      assert.doesNotThrow(() => parseProjectConfig(bad, ruleIds));
    }
    assert.match(
      parseProjectConfig('{ "rules": ', ruleIds).problems[0].message,
      /^Invalid JSON in \.blah-security\.json: /,
    );
  });

  it('ignore globs follow .gitignore syntax', () => {
    const { config } = parseProjectConfig(
      '{ "ignore": ["generated/", "**/*.test.ts", "/scripts/*.js", "!scripts/keep.js"] }',
      ruleIds,
    );
    const resolved = resolveConfig(config);
    const skipped = (path: string) => analyze({ path, text: secretLine }, resolved).skipped;
    assert.equal(skipped('generated/deep/a.ts'), 'ignored by the project configuration');
    assert.equal(skipped('src/a.test.ts'), 'ignored by the project configuration');
    assert.equal(skipped('scripts/run.js'), 'ignored by the project configuration');
    assert.equal(skipped('scripts/keep.js'), undefined);
    assert.equal(skipped('src/scripts/run.js'), undefined);
    assert.equal(skipped('src/a.ts'), undefined);
  });
});

describe('ignore rules', () => {
  it('matches like git', () => {
    const rules = IgnoreRules.fromText(
      '# comment\n*.log\nbuild/\n/root-only.ts\ndocs/**/draft-*.md\n!important.log\n\\#hash.ts\n',
    );
    assert.equal(rules.ignores('debug.log'), true);
    assert.equal(rules.ignores('deep/debug.log'), true);
    assert.equal(rules.ignores('important.log'), false);
    assert.equal(rules.ignores('build/out.js'), true);
    assert.equal(rules.ignores('build', false), false, 'a file named build is not the build/ folder');
    assert.equal(rules.ignores('root-only.ts'), true);
    assert.equal(rules.ignores('src/root-only.ts'), false);
    assert.equal(rules.ignores('docs/a/b/draft-1.md'), true);
    assert.equal(rules.ignores('docs/draft-1.md'), true);
    assert.equal(rules.ignores('#hash.ts'), true);
  });
});

describe('rule isolation', () => {
  const throwing: TsRule = {
    id: 'test/throws',
    language: 'typescript',
    meta: { ...allRules[0].meta, title: 'Throws' },
    create: () => ({
      [ts.SyntaxKind.StringLiteral]: () => {
        throw new Error('boom');
      },
    }),
  };
  const throwingOnCreate: TsRule = {
    ...throwing,
    id: 'test/throws-on-create',
    create: () => {
      throw new Error('no');
    },
  };

  it('reports a throwing rule once and keeps the others', () => {
    const rules: Rule[] = [...allRules, throwing, throwingOnCreate];
    const result = analyze(
      { path: 'src/a.ts', text: `${secretLine}\nconst a = 'x';\nconst b = 'y';` },
      resolveConfig(undefined),
      rules,
    );
    assert.deepEqual(result.ruleErrors, [
      { ruleId: 'test/throws-on-create', message: 'Error: no' },
      { ruleId: 'test/throws', message: 'Error: boom' },
    ]);
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['secret/hardcoded-credential'],
    );
  });
});

describe('fix kinds held to the metadata', () => {
  const { fixable: _fixable, hasSuggestions: _suggestions, ...plainMeta } = allRules[0].meta;
  const reporting = (id: string, kind: 'fix' | 'suggestion', meta: Partial<Rule['meta']>): TsRule => ({
    id,
    language: 'typescript',
    meta: { ...plainMeta, ...meta },
    create: (context) => ({
      [ts.SyntaxKind.StringLiteral]: (node) =>
        context.report({
          start: node.getStart(),
          end: node.end,
          message: 'quoted',
          fixes: [{ title: 'Unquote', kind, edits: [{ start: node.getStart(), end: node.end, newText: 'x' }] }],
        }),
    }),
  });

  it('drops the findings of a rule that reports a kind of fix it does not declare, as a rule error', () => {
    const rules: Rule[] = [
      reporting('test/undeclared-fix', 'fix', {}),
      reporting('test/undeclared-suggestion', 'suggestion', { fixable: true }),
      reporting('test/declared-fix', 'fix', { fixable: true }),
      reporting('test/declared-suggestion', 'suggestion', { hasSuggestions: true }),
    ];
    const result = analyze({ path: 'src/a.ts', text: "const a = 'x';" }, resolveConfig(undefined), rules);
    assert.deepEqual(result.ruleErrors, [
      { ruleId: 'test/undeclared-fix', message: 'reported a fix but its metadata does not set fixable' },
      {
        ruleId: 'test/undeclared-suggestion',
        message: 'reported a suggestion but its metadata does not set hasSuggestions',
      },
    ]);
    assert.deepEqual(result.findings.map((f) => f.ruleId).sort(), ['test/declared-fix', 'test/declared-suggestion']);
  });
});

describe('fixes on demand', () => {
  it("calls a rule's fix factory only when fixes are wanted, and fails the rule when it throws", () => {
    let made = 0;
    const lazy: TsRule = {
      id: 'test/lazy-fix',
      language: 'typescript',
      meta: { ...allRules[0].meta, fixable: true },
      create: (context) => ({
        [ts.SyntaxKind.StringLiteral]: (node) =>
          context.report({
            start: node.getStart(),
            end: node.end,
            message: 'quoted',
            fixes: () => (
              made++,
              [{ title: 'Unquote', kind: 'fix', edits: [{ start: node.getStart(), end: node.end, newText: 'x' }] }]
            ),
          }),
      }),
    };
    const throwing: TsRule = {
      ...lazy,
      id: 'test/throwing-fix',
      create: (context) => ({
        [ts.SyntaxKind.StringLiteral]: (node) =>
          context.report({
            start: node.getStart(),
            end: node.end,
            message: 'quoted',
            fixes: () => {
              throw new Error('no fix');
            },
          }),
      }),
    };
    const input = { path: 'src/a.ts', text: "const a = 'x';\nconst b = 'y';" };
    const quick = analyze(input, resolveConfig(undefined), [lazy, throwing], { fixes: false });
    assert.equal(made, 0, 'no factory runs on a keystroke');
    assert.deepEqual(
      quick.findings.map((f) => [f.ruleId, f.fixes.length]),
      [
        ['test/lazy-fix', 0],
        ['test/throwing-fix', 0],
        ['test/lazy-fix', 0],
        ['test/throwing-fix', 0],
      ],
    );
    const full = analyze(input, resolveConfig(undefined), [lazy, throwing]);
    assert.equal(made, 2);
    assert.deepEqual(
      full.findings.map((f) => [f.ruleId, f.fixes.map((x) => x.title)]),
      [
        ['test/lazy-fix', ['Unquote']],
        ['test/lazy-fix', ['Unquote']],
      ],
    );
    assert.deepEqual(full.ruleErrors, [{ ruleId: 'test/throwing-fix', message: 'Error: no fix' }]);
  });
});

describe('rule isolation in Dockerfile and nginx', () => {
  it('reports a throwing rule once, drops its partial output and keeps the others', () => {
    const meta = allRules[0].meta;
    const docker: DockerRule = {
      id: 'test/docker-throws',
      language: 'dockerfile',
      meta,
      create: () => ({
        FROM: () => {
          throw new TypeError('docker boom');
        },
      }),
    };
    const dockerOnCreate: DockerRule = {
      id: 'test/docker-throws-on-create',
      language: 'dockerfile',
      meta,
      create: () => {
        throw new Error('no');
      },
    };
    const nginx: NginxRule = {
      id: 'test/nginx-throws',
      language: 'nginx',
      meta,
      create: (c) => ({
        directive: () => {
          c.report({ start: 0, end: 1, message: 'partial' });
          throw new Error('nginx boom');
        },
      }),
    };
    const nginxAtEnd: NginxRule = {
      id: 'test/nginx-throws-at-end',
      language: 'nginx',
      meta,
      create: (c) => ({
        end: () => {
          c.report({ start: 0, end: 1, message: 'partial' });
          throw new Error('end boom');
        },
      }),
    };
    const rules: Rule[] = [...allRules, docker, dockerOnCreate, nginx, nginxAtEnd];
    const dockerResult = analyze(
      { path: 'Dockerfile', text: 'FROM node:latest AS build\nFROM node:latest\n' },
      resolveConfig(undefined),
      rules,
    );
    assert.deepEqual(dockerResult.ruleErrors, [
      { ruleId: 'test/docker-throws', message: 'TypeError: docker boom' },
      { ruleId: 'test/docker-throws-on-create', message: 'Error: no' },
    ]);
    assert.ok(dockerResult.findings.some((f) => f.ruleId === 'docker/latest-tag'));
    const nginxResult = analyze(
      { path: 'nginx.conf', text: 'events {}\nhttp { autoindex on; }\n' },
      resolveConfig(undefined),
      rules,
    );
    assert.deepEqual(nginxResult.ruleErrors, [
      { ruleId: 'test/nginx-throws', message: 'Error: nginx boom' },
      { ruleId: 'test/nginx-throws-at-end', message: 'Error: end boom' },
    ]);
    assert.ok(nginxResult.findings.some((f) => f.ruleId === 'nginx/autoindex'));
    assert.ok(
      !nginxResult.findings.some((f) => f.ruleId.startsWith('test/')),
      'a failed rule\u2019s partial output is dropped',
    );
  });
});

describe('bad input', () => {
  it('skips binary and oversized text with a reason', () => {
    assert.equal(analyze({ path: 'a.ts', text: 'a\u0000b' }).skipped, 'binary content (NUL bytes)');
    assert.match(
      analyze({ path: 'a.js', text: 'x'.repeat(3 * 1024 * 1024) }).skipped ?? '',
      /^larger than the 2048 KB limit/,
    );
    assert.equal(analyze({ path: 'README.md', text: secretLine }).skipped, 'not a supported file type');
    assert.equal(analyze({ path: 'types.d.ts', text: secretLine }).skipped, 'not a supported file type');
  });

  it('analyzes what it can of broken syntax and odd line endings', () => {
    assert.deepEqual(ids(`function (((\n${secretLine}\n}}}`), ['1:secret/hardcoded-credential']);
    assert.deepEqual(ids(`\r\n\r${secretLine}\r\n`), ['2:secret/hardcoded-credential']);
    assert.deepEqual(ids(`\uFEFF${secretLine}`), ['0:secret/hardcoded-credential']);
  });

  it('survives deep nesting without throwing', () => {
    const deep = '['.repeat(10000) + ']'.repeat(10000);
    const result = analyze({ path: 'a.ts', text: `const a = ${deep};` });
    assert.ok(result.skipped === undefined || /could not be analyzed/.test(result.skipped));
  });
});

describe('test files', () => {
  it('lower secret findings to hints', () => {
    const result = analyze({ path: 'test/fixtures/keys.ts', text: secretLine });
    assert.deepEqual(
      result.findings.map((f) => f.severity),
      ['hint'],
    );
    assert.deepEqual(
      analyze({ path: 'src/keys.spec.ts', text: secretLine }).findings.map((f) => f.severity),
      ['hint'],
    );
    assert.deepEqual(
      analyze({ path: 'src/keys.ts', text: secretLine }).findings.map((f) => f.severity),
      ['error'],
    );
  });
});

describe('edits', () => {
  const fix = (edits: Fix['edits']): Fix => ({ title: 't', kind: 'fix', edits });
  const at = (line: number, character: number) => ({ line, character });

  it('combines fixes: identical edits once, overlapping ones dropped', () => {
    const helper = { range: { start: at(2, 0), end: at(2, 0) }, newText: 'helper\n' };
    const edits = combineFixes([
      fix([{ range: { start: at(0, 0), end: at(0, 1) }, newText: 'A' }, helper]),
      fix([{ range: { start: at(1, 0), end: at(1, 1) }, newText: 'B' }, helper]),
      fix([{ range: { start: at(0, 0), end: at(0, 3) }, newText: 'C' }]),
    ]);
    assert.equal(applyTextEdits('abc\ndef\n', edits), 'Abc\nBef\nhelper\n');
  });

  it('maps offsets and positions across CRLF, CR and LF', () => {
    const lines = new LineIndex('a\r\nbc\rd\ne');
    assert.deepEqual(lines.positionAt(3), at(1, 0));
    assert.deepEqual(lines.positionAt(6), at(2, 0));
    assert.deepEqual(lines.positionAt(8), at(3, 0));
    assert.equal(lines.offsetAt(at(1, 99)), 5);
    assert.equal(lines.lineText(1), 'bc');
    assert.equal(lines.eol, '\r\n');
  });

  it('maps offsets and positions in LF-only text (the indexOf path) as the general path does', () => {
    const text = 'ab\n\ncd\nef';
    const lf = new LineIndex(text);
    const mixed = new LineIndex(text + '\r');
    assert.equal(lf.lineCount, 4);
    for (let offset = 0; offset <= text.length; offset++)
      assert.deepEqual(lf.positionAt(offset), mixed.positionAt(offset), `offset ${offset}`);
    assert.equal(new LineIndex('').lineCount, 1);
    assert.equal(new LineIndex('x\n').lineCount, 2);
  });
});

describe('module mentions (the text pre-checks that spare scope resolution)', () => {
  const mentions = (text: string, modules: string[]): boolean =>
    mentionsModule(new TsFile(text, 'a.ts'), modules.join(','), modules);

  it('finds module names in every quote, with or without node:, and only whole names', () => {
    assert.equal(mentions("import fs from 'node:fs';", ['fs']), true);
    assert.equal(mentions('const c = require("@fastify/cors");', ['@fastify/cors']), true);
    assert.equal(mentions('await import(`fs/promises`);', ['fs/promises']), true);
    assert.equal(mentions("import x from 'fs-extra';", ['fs']), false);
    assert.equal(mentions("const s = 'fs is a module';", ['fs']), false);
    // A quote that closes one text can open the next one.
    assert.equal(mentions("const a = 'x'fs';", ['fs']), true);
    // Names outside the plain alphabet take the pattern path.
    assert.equal(mentions("require('odd+name');", ['odd+name']), true);
  });

  it('finds local names for members, including names next to a dollar sign only when whole', () => {
    const file = new TsFile(
      "import { exec as run } from 'child_process';\nconst $exec = 1;\nconst e2 = $exec;\nconst e3 = exec$;\n",
      'a.ts',
    );
    assert.deepEqual([...memberAliases(file, 'runners', new Set(['exec']))], ['run']);
  });
});

describe('analysis jobs', () => {
  it('keep quick fixes for editor documents and drop them for workspace-scan files', () => {
    const input = { path: 'src/a.ts', text: `${secretLine}\n` };
    const editor = runJob({ input, settings: {}, cacheKey: 'file:///a.ts', priority: 'editor' });
    const background = runJob({ input, settings: {}, priority: 'background' });
    assert.ok(
      editor.findings.length > 0 && editor.findings.every((f) => f.fixes.length > 0),
      'the editor job has its fixes',
    );
    assert.deepEqual(
      background.findings.map((f) => ({ ...f, fixes: 'dropped' })),
      editor.findings.map((f) => ({ ...f, fixes: 'dropped' })),
    );
    assert.ok(background.findings.every((f) => f.fixes.length === 0));
  });
});

describe('broken code mid-edit', () => {
  it(
    'looking up a name that broken code left empty (a declaration still missing its name) ends',
    { timeout: 20000 },
    () => {
      const file = new TsFile('const = promisify(exec);\nrun(exec);\n', 'src/broken.ts');
      const seen: string[] = [];
      forEachIdentifier(file, ['', 'exec'], (node) => seen.push(node.text));
      assert.deepEqual(seen, ['exec', 'exec']);
      forEachIdentifier(file, [''], (node) => seen.push(node.text));
      assert.equal(seen.length, 2);
    },
  );
});

describe('facts come from code, never from comments or strings', () => {
  const factsOf = (text: string, path = 'src/a.ts') => analyze({ path, text }).facts.map((f) => f.name);
  const plainServer = [
    "import http from 'node:http';",
    "const server = http.createServer((req, res) => res.end('ok'));",
    'server.listen(8080);',
    '',
  ].join('\n');

  it('an https server, an error handler or loadEnvFile mentioned in comments and strings is no fact', () => {
    const text = [
      "import express from 'express';",
      '/* https.createServer({ key, cert }, app).listen(443);',
      '   app.use((err, req, res, next) => res.status(500).end()); */',
      '// process.loadEnvFile(); app.setErrorHandler(handler)',
      "export const note = 'https.createServer is set up by the proxy, and createSecureServer too';",
      'export const app = express();',
      '',
    ].join('\n');
    assert.deepEqual(
      factsOf(text).filter((n) => n === FACT.httpsServer || n === FACT.errorHandler || n === FACT.dotenv),
      [],
    );
  });

  it('the same code outside comments is a fact', () => {
    const text = [
      "import express from 'express';",
      "import https from 'node:https';",
      "import { readFileSync } from 'node:fs';",
      'process.loadEnvFile();',
      'const app = express();',
      "https.createServer({ key: readFileSync('k.pem'), cert: readFileSync('c.pem') }, app).listen(443);",
      'app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {',
      '  res.status(500).json({ error: "An internal error occurred" });',
      '});',
      '',
    ].join('\n');
    const names = factsOf(text);
    for (const fact of [FACT.httpsServer, FACT.errorHandler, FACT.dotenv]) assert.ok(names.includes(fact), fact);
  });

  it('a commented-out https server in another file does not clear ts/http-server', async () => {
    const reported = async (other: string): Promise<boolean> => {
      const files = new Map([
        ['src/server.ts', plainServer],
        ['src/tls.ts', other],
      ]);
      const result = await analyzeProjectCase({ title: 'https elsewhere', expects: [], oks: [], files });
      return (result.findings.get('src/server.ts') ?? []).some((f) => f.ruleId === 'ts/http-server');
    };
    const commented =
      "import https from 'node:https';\n/*\nhttps.createServer(options, app).listen(443);\n*/\nexport { https };\n";
    const real = "import https from 'node:https';\nexport const tls = https.createServer({});\n";
    assert.equal(await reported(commented), true);
    assert.equal(await reported(real), false);
  });

  it('codeText blanks comments and keeps offsets, strings, templates, regular expressions and JSX text', () => {
    const text =
      "#!/usr/bin/env node\nconst a = '// no'; /* gone */ const r = /\\/\\//; // gone\nconst t = `/*${a /* gone */}*/`;\n";
    const code = codeText(new TsFile(text, 'src/a.ts'));
    assert.equal(code.length, text.length);
    assert.ok(!code.includes('gone') && !code.includes('#!'));
    assert.ok(
      code.includes("'// no'") && code.includes('/\\/\\//') && code.includes('`/*${a') && code.includes('}*/`'),
    );
    const jsx = 'export const x = <p>// shown {/* hidden */}</p>;\n';
    assert.equal(codeText(new TsFile(jsx, 'src/a.tsx')), jsx.replace('/* hidden */', ' '.repeat(12)));
  });
});

describe('route files of file-system routers', () => {
  it('ts/cors-wildcard lets OAuth metadata and token route files answer every origin, and no other route', () => {
    const text = [
      'export function GET() {',
      "  return new Response('{}', { headers: { 'Access-Control-Allow-Origin': '*' } });",
      '}',
      '',
    ].join('\n');
    const cors = (path: string) => analyze({ path, text }).findings.filter((f) => f.ruleId === 'ts/cors-wildcard');
    assert.equal(cors('app/.well-known/oauth-authorization-server/route.ts').length, 0);
    assert.equal(cors('src/app/.well-known/oauth-protected-resource/mcp/route.ts').length, 0);
    assert.equal(cors('src/app/oauth/token/route.ts').length, 0);
    assert.equal(cors('src/app/api/notes/route.ts').length, 1);
    assert.equal(cors('src/lexer/token.ts').length, 1);
  });
});
