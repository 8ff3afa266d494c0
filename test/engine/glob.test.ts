// Globs of .gitignore files, the configuration's `ignore` and `languages`, nginx includes and
// Dockerfile COPY sources are untrusted input: they are matched without backtracking (issue #22),
// in CPU time bounded by the path whatever the pattern, and with git's semantics.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGlob } from '../../server/src/core/glob';
import { IgnoreRules } from '../../server/src/core/ignore';
import { globMatcher } from '../../server/src/core/paths';
import { cpuMsOf } from '../helpers/cpu';

/** Stars that take a backtracking RegExp seconds against a 30-character name (minutes at 12 and 60). */
const backtracking = (stars: number): string => '*a'.repeat(stars) + '*b';

describe('glob matching', () => {
  it('takes no backtracking time: star-heavy .gitignore, config and include globs stay linear', () => {
    const name = 'a'.repeat(30);
    const ms = cpuMsOf(() => {
      assert.equal(new IgnoreRules([backtracking(8)]).ignores(`deep/${name}`), false);
      assert.equal(new IgnoreRules([`/${backtracking(8)}`]).ignores(name), false);
      assert.equal(new IgnoreRules([`**/${backtracking(8)}/**`]).ignores(`x/${name}/y`), false);
      assert.equal(globMatcher(backtracking(8))!.test(name), false);
    }, 250);
    assert.ok(ms < 250, `${ms} ms of CPU`);
    // The issue's own: 12 stars and a 60-character name, and a pattern far longer than any path.
    const long = cpuMsOf(() => {
      assert.equal(new IgnoreRules([backtracking(12)]).ignores('a'.repeat(60)), false);
      assert.equal(new IgnoreRules([backtracking(5000)]).ignores('a'.repeat(200)), false);
      assert.equal(new IgnoreRules([`${'**/'.repeat(2000)}x`]).ignores(`${'a/'.repeat(50)}y`), false);
    }, 250);
    assert.ok(long < 250, `${long} ms of CPU`);
  });

  it("keeps gitignore's semantics: anchoring, negation, folders only, `**`, classes and escapes", () => {
    const decide = (pattern: string, path: string, isDirectory = false): boolean | undefined =>
      new IgnoreRules([pattern]).decide(path, isDirectory);
    assert.equal(decide('*.ts', 'a/b.ts'), true, 'a pattern without a slash matches at any depth');
    assert.equal(decide('/b.ts', 'a/b.ts'), undefined, 'a leading slash anchors');
    assert.equal(decide('a/b.ts', 'x/a/b.ts'), undefined, 'a slash inside anchors too');
    assert.equal(decide('!b.ts', 'b.ts'), false, 'a negation re-includes');
    assert.equal(decide('out/', 'out', false), undefined, 'a trailing slash matches folders only');
    assert.equal(decide('out/', 'out', true), true);
    assert.equal(decide('**/x', 'x'), true, 'a leading ** matches no folder too');
    assert.equal(decide('**/x', 'a/b/x'), true);
    assert.equal(decide('a/**/b', 'a/b'), true, 'a middle ** matches no folder too');
    assert.equal(decide('a/**/b', 'a/x/y/b'), true);
    assert.equal(decide('a/**', 'a'), undefined, 'a trailing ** matches what is inside, not the folder');
    assert.equal(decide('a/**', 'a/x/y'), true);
    assert.equal(decide('a**b', 'a/b'), undefined, 'a ** inside a segment is a *');
    assert.equal(decide('a**b', 'axyb'), true);
    assert.equal(decide('*', 'a/b'), true);
    assert.equal(decide('?.ts', 'ab.ts'), undefined);
    assert.equal(decide('?.ts', 'a.ts'), true);
    assert.equal(decide('[a-c].ts', 'b.ts'), true, 'ranges');
    assert.equal(decide('[!a-c].ts', 'b.ts'), undefined, 'negated classes');
    assert.equal(decide('[!a-c].ts', 'd.ts'), true);
    assert.equal(decide('[]x].ts', '].ts'), true, 'a ] first is a member');
    assert.equal(decide('[!]].ts', '].ts'), undefined);
    assert.equal(decide('[z-a].ts', 'z.ts'), undefined, 'a reversed range matches nothing (and does not throw)');
    assert.equal(decide('[ab', '[ab'), true, 'an unclosed [ is literal');
    assert.equal(decide('\\*.ts', '*.ts'), true, 'an escaped star is literal');
    assert.equal(decide('\\*.ts', 'a.ts'), undefined);
    assert.equal(decide('a*b*c', 'aXbYc'), true);
    assert.equal(decide('a*b*c', 'aXbY'), undefined);
  });

  it('decides as the RegExp translation did, on random small patterns and paths (no backtracking shortcut changes an answer)', () => {
    const atoms = ['a', 'b', 'x', '.', '*', '**', '?', '/', '[ab]', '[a-c]', '\\*'];
    const names = ['a', 'b', 'ab', 'ba', 'x', '.a', 'abc', 'aab'];
    let seed = 20261204;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let compared = 0;
    for (let k = 0; k < 20000; k++) {
      let pattern = '';
      for (let i = 1 + random(6); i > 0; i--) pattern += atoms[random(atoms.length)];
      const segments = Array.from({ length: 1 + random(4) }, () => names[random(names.length)]);
      const path = segments.join('/');
      const isDirectory = random(2) === 0;
      const expected = regExpDecision(pattern, path, isDirectory);
      if (expected === 'unsupported') continue;
      compared++;
      assert.equal(new IgnoreRules([pattern]).decide(path, isDirectory), expected, `${pattern} on ${path}`);
    }
    assert.ok(compared > 10000, `${compared} compared`);
  });

  it('matches shell globs of nginx includes and COPY sources segment by segment', () => {
    assert.equal(globMatcher('/etc/nginx/conf.d/*.conf')!.test('/etc/nginx/conf.d/a.conf'), true);
    assert.equal(globMatcher('/etc/nginx/conf.d/*.conf')!.test('/etc/nginx/conf.d/x/a.conf'), false);
    assert.equal(globMatcher('sites-*/[!.]*')!.test('sites-enabled/default'), true);
    assert.equal(globMatcher('a?c')!.test('a/c'), false, '? never matches /');
    assert.equal(globMatcher('a[!x]c')!.test('a/c'), false, 'a negated class never matches /');
    assert.equal(globMatcher('[z-a]'), undefined, 'a reversed range is no glob');
    assert.equal(globMatcher('a\\b')!.test('a\\b'), true, 'a backslash is an ordinary character');
    assert.equal(compileGlob('**', { globstar: false })!.test('a/b'), false, 'without globstar ** is a *');
  });
});

/**
 * The translation to a RegExp that ignore.ts used before (it backtracks, so only small inputs):
 * the reference the linear matcher must agree with. Classes are only positive here (the old
 * translation let a negated class match `/`, a bug).
 */
function regExpDecision(line: string, path: string, isDirectory: boolean): boolean | undefined | 'unsupported' {
  let text = line;
  if (text.startsWith('#') || text.startsWith('!')) return 'unsupported';
  let directoryOnly = false;
  if (text.endsWith('/') && !text.endsWith('\\/')) {
    directoryOnly = true;
    text = text.slice(0, -1);
  }
  if (text === '' || text.endsWith('\\')) return 'unsupported';
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*') {
      if (text[i + 1] === '*') {
        const atStart = i === 0 || text[i - 1] === '/';
        const atEnd = i + 2 === text.length || text[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === text.length) {
            out += '.*';
            i += 1;
          } else {
            out += '(?:[^/]*/)*';
            i += 2;
          }
          continue;
        }
        i += 1;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = text.indexOf(']', i + 2);
      if (close < 0) return 'unsupported';
      out += `[${text.slice(i + 1, close)}]`;
      i = close;
    } else if (c === '\\') {
      i += 1;
      out += text[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (directoryOnly && !isDirectory) return undefined;
  return new RegExp(anchored ? `^${out}$` : `^(?:.*/)?${out}$`).test(path) ? true : undefined;
}
