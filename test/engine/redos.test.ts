// ReDoS: every regular expression literal in the server (engine, languages, rules, CLI) is checked
// with recheck, which proves linear matching or finds an attack string; and every secret pattern
// is fed adversarial 100 KB lines and must stay linear.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { credentialFormats, findCredentials } from '../../server/src/knowledge/secrets';
import { cpuMsOf } from '../helpers/cpu';
import { quickSkip } from '../helpers/quick';

const repo = join(__dirname, '..', '..');

function regexLiterals(): Array<{ where: string; source: string; flags: string }> {
  const found: Array<{ where: string; source: string; flags: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
          if (ts.isRegularExpressionLiteral(node)) {
            const match = /^\/(.*)\/([a-z]*)$/s.exec(node.text)!;
            const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
            found.push({ where: `${relative(repo, path)}:${line}`, source: match[1], flags: match[2] });
          }
          ts.forEachChild(node, visit);
        };
        visit(file);
      }
    }
  };
  walk(join(repo, 'server', 'src'));
  return found;
}

describe('regular expressions', () => {
  it(
    'are all free of super-linear backtracking (recheck)',
    { timeout: 240000, skip: quickSkip('recheck of every literal, about a minute') },
    () => {
      const literals = regexLiterals();
      assert.ok(literals.length > 100, `found ${literals.length} literals`);
      const unsafe: string[] = [];
      for (const { where, source, flags } of literals) {
        const result = checkSync(source, flags.replace(/[gy]/g, ''), { timeout: 20000 });
        if (result.status === 'vulnerable')
          unsafe.push(
            `${where} /${source}/ is ${result.complexity.type}: attack ${JSON.stringify(result.attack.string.slice(0, 60))}`,
          );
        else if (result.status === 'unknown')
          unsafe.push(`${where} /${source}/ could not be checked: ${result.error.kind}`);
      }
      console.log(`# recheck: ${literals.length} regular expressions, ${unsafe.length} unsafe`);
      assert.deepEqual(unsafe, []);
    },
  );

  it('secret patterns stay linear on adversarial 100 KB lines', (t) => {
    const filler = (n: number, chars: string) => Array.from({ length: n }, (_, i) => chars[i % chars.length]).join('');
    let slowest = { ms: 0, what: '' };
    for (const format of credentialFormats) {
      for (const prefix of format.prefixes) {
        const inputs = [
          prefix + filler(100_000, 'aB3_-'),
          filler(100_000 / prefix.length, prefix),
          (prefix + 'x:').repeat(100_000 / (prefix.length + 2)),
          'postgres://' + filler(100_000, 'a:@'),
          '-----BEGIN PRIVATE KEY-----\n' + filler(100_000, 'A=/+'),
        ];
        for (const input of inputs) {
          // A hang detector, not a speed test: linear matching takes milliseconds here, a
          // backtracking pattern seconds to hours. CPU time, so a busy machine does not count.
          const ms = cpuMsOf(() => findCredentials(input), 1500);
          if (ms > slowest.ms) slowest = { ms, what: `${format.id} on ${JSON.stringify(input.slice(0, 30))}…` };
          assert.ok(
            ms < 1500,
            `${format.id} took ${ms.toFixed(0)} ms of CPU on ${JSON.stringify(input.slice(0, 30))}…`,
          );
        }
      }
    }
    t.diagnostic(`slowest: ${slowest.ms.toFixed(1)} ms of CPU, ${slowest.what}`);
  });
});
