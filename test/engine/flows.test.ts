// Data flow across files: the multi-file workspaces under test/workspaces/flow-* (each a
// vulnerable and a fixed variant, with expected.json), written the way MCP servers and express
// apps are really split, and the linker's own guarantees (module resolution, cycles, limits).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { SOURCE_SLOT, type FileFlows } from '../../server/src/core/flows';
import { linkFlows, MAX_FLOW_HOPS, resolveSpecifier } from '../../server/src/engine/flows';
import { analyzeProjectCase } from '../helpers/projectFixtures';

const root = join(__dirname, '..', 'workspaces');

interface Expected {
  rule: string;
  path: string;
  line: number;
  severity?: string;
  related?: string[];
}

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

const workspaces = readdirSync(root).filter((name) => name.startsWith('flow-'));
/** Rules whose findings these workspaces are about. */
const flowRules = new Set([
  'ts/command-injection',
  'ts/argument-injection',
  'ts/code-injection',
  'ts/nosql-injection',
  'ts/sql-injection',
  'ts/path-traversal',
  'ts/ssrf',
  'ts/open-redirect',
  'ts/weak-path-check',
  'crypto/weak-hash',
  'crypto/insecure-random',
  'ts/jwt-missing-algorithms',
]);

async function flowFindings(dir: string): Promise<Array<Expected & { message: string }>> {
  const files = readTree(dir);
  const analysis = await analyzeProjectCase({ title: dir, expects: [], oks: [], files });
  const found: Array<Expected & { message: string }> = [];
  for (const [path, findings] of analysis.findings)
    for (const f of findings)
      if (flowRules.has(f.ruleId))
        found.push({
          rule: f.ruleId,
          path,
          line: f.range.start.line + 1,
          severity: f.severity,
          message: f.message,
          ...(f.related ? { related: f.related.map((r) => `${r.path}:${r.range.start.line + 1}`) } : {}),
        });
  return found;
}

describe('data flow across files: the workspaces', () => {
  it('has at least 12 workspaces, each with a vulnerable and a fixed variant', () => {
    assert.ok(workspaces.length >= 12, `${workspaces.length} workspaces`);
    for (const name of workspaces)
      for (const variant of ['vulnerable', 'fixed'])
        assert.ok(statSync(join(root, name, variant)).isDirectory(), `${name}/${variant}`);
  });

  for (const name of workspaces) {
    const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as {
      vulnerable: Expected[];
      fixed: Expected[];
    };
    it(`${name}: the vulnerable variant's finding is at the sink, with the source and every hop`, async () => {
      const found = await flowFindings(join(root, name, 'vulnerable'));
      assert.deepEqual(
        found.map(({ message: _message, ...rest }) => rest),
        expected.vulnerable.map((e) => ({ severity: e.severity ?? found[0]?.severity, ...e })),
      );
      for (const f of found) {
        assert.ok(!f.message.includes(SOURCE_SLOT), f.message);
        // The message says where the data came from: "… from <source> in <file>:<line> …".
        assert.match(f.message, new RegExp(` in ${f.related![0].replace(/[.]/g, '\\.')}`));
      }
    });
    it(`${name}: the fixed variant has no flow finding`, async () => {
      const found = await flowFindings(join(root, name, 'fixed'));
      assert.deepEqual(
        found.map(({ message: _message, ...rest }) => rest),
        expected.fixed,
      );
    });
  }
});

const flows = (partial: Partial<FileFlows>): FileFlows => ({ exports: [], sinks: [], calls: [], ...partial });
const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });

describe('data flow across files: the linker', () => {
  it('resolves specifiers the way TypeScript and Node do', () => {
    const paths = new Set(['src/a.ts', 'src/lib/index.ts', 'src/b.mts', 'src/c.js', 'src/d.tsx', 'src/util/x.ts']);
    const has = (p: string): boolean => paths.has(p);
    assert.equal(resolveSpecifier('src/main.ts', './a.js', has), 'src/a.ts');
    assert.equal(resolveSpecifier('src/main.ts', './a', has), 'src/a.ts');
    assert.equal(resolveSpecifier('src/main.ts', './lib', has), 'src/lib/index.ts');
    assert.equal(resolveSpecifier('src/main.ts', './b.mjs', has), 'src/b.mts');
    assert.equal(resolveSpecifier('src/main.ts', './c.js', has), 'src/c.js');
    assert.equal(resolveSpecifier('src/main.ts', './d.jsx', has), 'src/d.tsx');
    assert.equal(resolveSpecifier('src/deep/main.ts', '../a.js', has), 'src/a.ts');
    assert.equal(resolveSpecifier('src/main.ts', '../../outside.js', has), undefined);
    assert.equal(resolveSpecifier('src/main.ts', '@/util/x', has), 'src/util/x.ts');
    assert.equal(
      resolveSpecifier('src/main.ts', '#util/x', has, [{ pattern: '#util/*', targets: ['src/util/*'] }]),
      'src/util/x.ts',
    );
    assert.equal(resolveSpecifier('src/main.ts', 'lodash', has), undefined);
  });

  it('terminates on recursion and on a cycle of imports, and stops at the hop limit', () => {
    const source = { kind: 'tool-argument' as const, text: 'args', range: at(1) };
    // a.ts: handler passes a tool argument to b.ping; b.ping passes it to a.pong; a.pong back to b.ping…
    const files = [
      {
        path: 'a.ts',
        flows: flows({
          exports: [{ name: 'pong', local: 'pong' }],
          calls: [
            {
              target: { specifier: './b', name: 'ping' },
              range: at(2),
              text: 'ping',
              args: [{ index: 0, kind: 'plain', source }],
            },
            {
              target: { specifier: './b', name: 'ping' },
              range: at(3),
              text: 'ping',
              args: [{ index: 0, kind: 'plain', origins: [{ fn: 'pong', index: 0 }] }],
            },
          ],
        }),
      },
      {
        path: 'b.ts',
        flows: flows({
          exports: [{ name: 'ping', local: 'ping' }],
          calls: [
            {
              target: { specifier: './a', name: 'pong' },
              range: at(4),
              text: 'pong',
              args: [{ index: 0, kind: 'plain', origins: [{ fn: 'ping', index: 0 }] }],
            },
          ],
        }),
      },
    ];
    const links = linkFlows(files);
    assert.equal(links.findings.size, 0);
    assert.equal(links.truncated, false);

    // A chain longer than the hop limit: f0 → f1 → … each in its own file, the sink at the end.
    const chain = Array.from({ length: MAX_FLOW_HOPS + 3 }, (_, i) => ({
      path: `f${i}.ts`,
      flows: flows({
        exports: [{ name: 'next', local: 'next' }],
        calls:
          i === 0
            ? [
                {
                  target: { specifier: './f1', name: 'next' },
                  range: at(1),
                  text: 'next',
                  args: [{ index: 0, kind: 'plain' as const, source }],
                },
              ]
            : [
                {
                  target: { specifier: `./f${i + 1}`, name: 'next' },
                  range: at(1),
                  text: 'next',
                  args: [{ index: 0, kind: 'plain' as const, origins: [{ fn: 'next', index: 0 }] }],
                },
              ],
        sinks:
          i === MAX_FLOW_HOPS + 2
            ? [
                {
                  ruleId: 'ts/command-injection',
                  severity: 'error' as const,
                  range: at(5),
                  message: `from ${SOURCE_SLOT}`,
                  kind: 'plain' as const,
                  origins: [{ fn: 'next', index: 0 }],
                },
              ]
            : [],
      }),
    }));
    const far = linkFlows(chain);
    assert.equal(far.findings.size, 0, 'beyond the hop limit nothing is reported');
    assert.equal(far.truncated, true, 'and the limit is said to be hit');
    const near = linkFlows(
      chain
        .slice(0, 4)
        .map((f, i) => (i === 3 ? { ...f, flows: { ...f.flows, sinks: chain.at(-1)!.flows.sinks } } : f)),
    );
    assert.deepEqual([...near.findings.keys()], ['f3.ts']);
    assert.equal(near.findings.get('f3.ts')![0].related!.length, 4, 'the source and three calls');
  });

  it('matches destructured properties: only the tainted one reaches the sink', () => {
    const source = { kind: 'request' as const, text: 'req.query.q', range: at(1) };
    const sink = (property: string) => ({
      ruleId: 'ts/ssrf',
      severity: 'warning' as const,
      range: at(7),
      message: `from ${SOURCE_SLOT}`,
      kind: 'url' as const,
      origins: [{ fn: 'get', index: 0, property }],
    });
    const caller = {
      path: 'route.ts',
      flows: flows({
        calls: [
          {
            target: { specifier: './client', name: 'get' },
            range: at(2),
            text: 'get',
            args: [{ index: 0, property: 'query', kind: 'url' as const, source }],
          },
        ],
      }),
    };
    const reached = (property: string) =>
      linkFlows([
        caller,
        { path: 'client.ts', flows: flows({ exports: [{ name: 'get', local: 'get' }], sinks: [sink(property)] }) },
      ]).findings.size;
    assert.equal(reached('query'), 1);
    assert.equal(reached('url'), 0);
  });
});
