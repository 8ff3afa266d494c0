// Issue #22, "blinding the analysis": a hostile file must not make one rule slow enough for the
// watchdog to stop it, nor make a rule fail, nor leave the rest of the file unchecked. Inputs are
// generated here; times are CPU time per rule (test/helpers/cpu.ts), so a busy machine does not
// count, and the inputs are sized so that the old quadratic code takes seconds, not hours.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { analyze, type AnalysisResult } from '../../server/src/engine/analyze';
import type { TsRule } from '../../server/src/languages/typescript/rule';
import { allRules } from '../../server/src/rules';
import { cpuMs } from '../helpers/cpu';

/** The analysis, and the CPU time each rule took (its create, visitors and end hooks). */
function timedAnalysis(path: string, text: string): { result: AnalysisResult; perRule: Map<string, number> } {
  const perRule = new Map<string, number>();
  let running: string | undefined;
  let since = cpuMs();
  const onRule = (ruleId: string | undefined): void => {
    const now = cpuMs();
    if (running) perRule.set(running, (perRule.get(running) ?? 0) + now - since);
    running = ruleId;
    since = now;
  };
  const result = analyze({ path, text, onRule });
  onRule(undefined);
  return { result, perRule };
}

/** The slowest rule and its CPU time, over the least of three runs when the first is over budget. */
function slowestRule(
  path: string,
  text: string,
  budgetMs: number,
): { ruleId: string; ms: number; result: AnalysisResult } {
  let best: { ruleId: string; ms: number; result: AnalysisResult } | undefined;
  for (let run = 0; run < 3 && (!best || best.ms >= budgetMs); run++) {
    const { result, perRule } = timedAnalysis(path, text);
    let slowest = { ruleId: '', ms: 0 };
    for (const [ruleId, ms] of perRule) if (ms > slowest.ms) slowest = { ruleId, ms };
    if (!best || slowest.ms < best.ms) best = { ...slowest, result };
  }
  return best!;
}

function generate(count: number, stage: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(stage(i));
  return parts.join('');
}

describe('hostile Dockerfiles', () => {
  // Protects: no rule is quadratic in the number of stages or of a stage's instructions (a file
  // of thousands of stages made docker/secret-in-env and docker/copies-secrets overrun the
  // watchdog, which then blamed whichever rule was running; docker/pipefail, docker/unverified-
  // packages and the model's variable scopes read the stage again for each RUN).
  it('many stages with secrets and copies stay linear in every rule', (t) => {
    const files = [
      {
        what: '24,000 stages with a secret ENV read by a RUN',
        text: generate(24000, (i) => `FROM node:20 AS s${i}\nENV API_TOKEN=abcdefgh1234\nRUN echo $API_TOKEN\n`),
      },
      {
        what: '5,000 stages that copy an .env',
        text: generate(5000, (i) => `FROM node:20 AS s${i}\nCOPY .env /app/\n`),
      },
      {
        what: '12,000 stages, each FROM the one before',
        text: generate(12000, (i) => `FROM s${i - 1} AS s${i}\nWORKDIR /app\nADD https://x/y /z\n`),
      },
      {
        what: 'one stage of 24,000 ENV and RUN lines',
        text: `FROM node:20\n${generate(24000, (i) => `ENV API_TOKEN${i % 50}=abcdefgh1234\nRUN echo $API_TOKEN${i % 50}\n`)}`,
      },
      {
        what: 'one stage of 8,000 RUNs that pipe a download',
        text: `FROM node:20\n${generate(8000, (i) => `RUN curl -fsSL https://x/${i} | tar -x\n`)}`,
      },
    ];
    const problems: string[] = [];
    for (const { what, text } of files) {
      const { ruleId, ms, result } = slowestRule('Dockerfile', text, 2000);
      t.diagnostic(
        `${what} (${Math.round(text.length / 1024)} KB): slowest rule ${ruleId}, ${ms.toFixed(0)} ms of CPU`,
      );
      for (const error of result.ruleErrors) problems.push(`${what}: ${error.ruleId} failed: ${error.message}`);
      if (ms >= 2000) problems.push(`${what}: ${ruleId} took ${ms.toFixed(0)} ms of CPU`);
    }
    assert.deepEqual(problems, []);
  });

  // Protects: an ENV name is never compiled into a pattern. `(x+x+)+y_TOKEN` made one that
  // backtracks exponentially on a RUN that reads `$xxx…`.
  it('a regex-shaped variable name costs nothing', () => {
    const text = `FROM node:20\nENV (x+x+)+y_TOKEN=abcdefgh123456\nRUN echo $${'x'.repeat(30)}!\nUSER node\n`;
    // One run: V8 compiles a pattern to machine code after its first use, which would hide the
    // backtracking in a second run. 30 x's took 1.3 s of CPU; a linear rule takes a millisecond.
    const { result, perRule } = timedAnalysis('Dockerfile', text);
    const ms = perRule.get('docker/secret-in-env') ?? 0;
    assert.ok(ms < 300, `docker/secret-in-env took ${ms.toFixed(0)} ms of CPU`);
    assert.ok(result.findings.some((f) => f.ruleId === 'docker/secret-in-env'));
  });
});

describe('hostile TypeScript', () => {
  // Protects: identifiers of any length are looked for without a pattern V8 refuses ("Regular
  // expression too large" failed four rules, and the error repeated the identifiers).
  it('90,000-character identifiers fail no rule, and the file is still checked', () => {
    const id = 'a'.repeat(90000);
    const text = [
      'import cp from "child_process";',
      'import axios from "axios";',
      `const ${id} = cp;`,
      `const ${id}b = axios;`,
      `export function f(req: any) { ${id}.exec("ls " + req.query.dir); ${id}b.get(req.query.u); }`,
      '',
    ].join('\n');
    const result = analyze({ path: 'src/x.ts', text });
    assert.deepEqual(result.ruleErrors, []);
    const rules = new Set(result.findings.map((f) => f.ruleId));
    assert.ok(rules.has('ts/command-injection') && rules.has('ts/ssrf'), [...rules].join(', '));
  });
});

describe('analysis failures', () => {
  const key = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';
  const source = [
    'import { exec } from "child_process";',
    `const apiKey = "${key}";`,
    'export function f(req: any) { exec("ls " + req.query.dir); }',
    '',
  ].join('\n');

  // Protects: a file cannot hide its findings by ending in nesting the parser cannot take (800
  // parentheses overflowed the compiler's stack, and the whole file was skipped).
  it('a file ending in 800 nested parentheses is analyzed but for the deep part, and says so', () => {
    const text = `${source}const v = ${'('.repeat(800)}1${')'.repeat(800)};\n`;
    const result = analyze({ path: 'src/x.ts', text });
    assert.equal(result.skipped, undefined);
    assert.deepEqual(result.findings.map((f) => f.ruleId).sort(), [
      'secret/hardcoded-credential',
      'ts/command-injection',
    ]);
    assert.match(result.partial ?? '', /^nesting deeper than 100 levels from line 4 on was not analyzed/);
  });

  // Protects: a rule's error never carries the document's text into logs, CI output or
  // diagnostics (an invalid pattern built from the file repeated 180 KB of it).
  it('rule errors name the rule and the error class, never the document text', () => {
    const thrower = (id: string, fail: (text: string) => never): TsRule => ({
      id,
      language: 'typescript',
      meta: { ...allRules[0].meta, title: id, checklistItem: undefined },
      create: (context) => ({
        onEnd: () => fail(context.file.text),
      }),
    });
    const rules = [
      ...allRules,
      thrower('test/quotes', (text) => {
        throw new Error(`cannot handle ${text}`);
      }),
      thrower('test/pattern', (text) => {
        new RegExp(`${text.slice(0, 200)}(`);
        throw new Error('unreachable');
      }),
    ];
    const text = `${source}// ${'x'.repeat(50000)}\n`;
    const result = analyze({ path: 'src/x.ts', text }, defaultConfig, rules);
    assert.deepEqual(result.ruleErrors.map((e) => e.ruleId).sort(), ['test/pattern', 'test/quotes']);
    for (const error of result.ruleErrors) {
      assert.ok(!error.message.includes(key.slice(4, 16)), `${error.ruleId} quotes the key: ${error.message}`);
      assert.ok(error.message.length < 200, `${error.ruleId}: ${error.message.length} characters`);
      assert.match(error.message, /^(?:Error|SyntaxError): /);
    }
    // The other rules' findings on the file are kept.
    assert.deepEqual(result.findings.map((f) => f.ruleId).sort(), [
      'secret/hardcoded-credential',
      'ts/command-injection',
    ]);
  });
});
