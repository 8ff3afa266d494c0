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
