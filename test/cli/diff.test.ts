// The pieces --fix-dry-run and the fingerprints are made of, on their own: unified diffs as
// `diff -u` prints them, and fingerprints that follow moved text but not changed text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unifiedDiff } from '../../server/src/cli/diff';
import { fingerprints, maskSecretMaterial } from '../../server/src/cli/fingerprints';

const range = (line: number, start: number, end: number) => ({
  start: { line, character: start },
  end: { line, character: end },
});

describe('unified diffs', () => {
  it('prints hunks with three lines of context, joins close changes and marks a missing final newline', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
    const after = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl';
    assert.equal(
      unifiedDiff(before, after, 'x.ts'),
      [
        '--- a/x.ts',
        '+++ b/x.ts',
        '@@ -1,5 +1,5 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        ' d',
        ' e',
        '@@ -9,3 +9,4 @@',
        ' i',
        ' j',
        ' k',
        '+l',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
    assert.equal(
      unifiedDiff('1\n2\n3\n', '1\nX\n3\nY\n', 'y'),
      '--- a/y\n+++ b/y\n@@ -1,3 +1,4 @@\n 1\n-2\n+X\n 3\n+Y\n',
    );
  });

  it('shows a created file against /dev/null, and nothing for equal texts', () => {
    assert.equal(
      unifiedDiff(undefined, '.env\n', '.dockerignore'),
      '--- /dev/null\n+++ b/.dockerignore\n@@ -0,0 +1,1 @@\n+.env\n',
    );
    assert.equal(unifiedDiff('same\n', 'same\n', 'z'), '');
  });

  it('finds the smallest change inside a long file', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    const changed = [...lines];
    changed.splice(2500, 1, 'changed');
    const diff = unifiedDiff(lines.join('\n') + '\n', changed.join('\n') + '\n', 'big');
    assert.equal(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l)).length, 2);
    assert.match(diff, /^@@ -2498,7 \+2498,7 @@$/m);
  });
});

describe('fingerprints', () => {
  const secret = "const apiKey = 'sk-1234567890abcdef';";
  it('follow the flagged text, not its line, and change with the text, the rule or the path', () => {
    const text = `${secret}\n`;
    const [first] = fingerprints('a.ts', text, [{ ruleId: 'r', range: range(0, 15, 36) }]);
    const [moved] = fingerprints('a.ts', `\n\n  ${secret}\n`, [{ ruleId: 'r', range: range(2, 17, 38) }]);
    assert.equal(moved, first);
    const [edited] = fingerprints('a.ts', "const apiKey = 'sk-0000000000000000';\n", [
      { ruleId: 'r', range: range(0, 15, 36) },
    ]);
    assert.notEqual(edited, first);
    assert.notEqual(fingerprints('b.ts', text, [{ ruleId: 'r', range: range(0, 15, 36) }])[0], first);
    assert.notEqual(fingerprints('a.ts', text, [{ ruleId: 's', range: range(0, 15, 36) }])[0], first);
  });

  it('number identical findings of a file in order, and use the line for an empty range', () => {
    const text = `${secret}\n${secret}\n`;
    const prints = fingerprints('a.ts', text, [
      { ruleId: 'r', range: range(0, 0, 0) },
      { ruleId: 'r', range: range(1, 0, 0) },
    ]);
    assert.deepEqual(
      prints.map((p) => p.split(':')),
      [
        [prints[0].split(':')[0], '0'],
        [prints[0].split(':')[0], '1'],
      ],
    );
    // The empty range is the line's text, so the finding on the line with different text differs.
    const other = fingerprints('a.ts', `${secret}\nconst x = 1;\n`, [
      { ruleId: 'r', range: range(0, 0, 0) },
      { ruleId: 'r', range: range(1, 0, 0) },
    ]);
    assert.equal(other[0], prints[0]);
    assert.notEqual(other[1].split(':')[0], prints[0].split(':')[0]);
  });

  it('hash no secret material for rules that flag secrets, so a guess cannot be checked against them', () => {
    const line = (value: string): string => `const apiKey = '${value}';\n`;
    const find = [{ ruleId: 'secret/x', range: range(0, 15, 36) }];
    const isSecretRule = (id: string): boolean => id.startsWith('secret/');
    // Two different keys of the same shape give the same fingerprint: the hash says nothing of the value.
    assert.equal(
      fingerprints('a.ts', line('sk-1234567890abcdef'), find, isSecretRule)[0],
      fingerprints('a.ts', line('sk-0000000000000000'), find, isSecretRule)[0],
    );
    // Other rules keep the text itself.
    assert.notEqual(
      fingerprints('a.ts', line('sk-1234567890abcdef'), [{ ruleId: 'ts/x', range: range(0, 15, 36) }], isSecretRule)[0],
      fingerprints('a.ts', line('sk-0000000000000000'), [{ ruleId: 'ts/x', range: range(0, 15, 36) }], isSecretRule)[0],
    );
    for (const [text, secretPart] of [
      ["'hunter2'", 'hunter2'],
      ['ENV PASSWORD=letmein', 'letmein'],
      ['password: s3cr3t', 's3cr3t'],
      ['https://user:ghp_abcdefghijklmnop1234@example.com', 'ghp_abcdefghijklmnop1234'],
    ]) {
      const masked = maskSecretMaterial(text);
      assert.ok(!masked.includes(secretPart), `${text} -> ${masked}`);
    }
    assert.match(maskSecretMaterial('ENV PASSWORD=letmein'), /^ENV PASSWORD=#7$/);
  });
});
