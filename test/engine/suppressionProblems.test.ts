// Suppression comments that can be audited: ids no rule has, and comments that suppress nothing,
// each with the edit that repairs it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../../server/src/core/edits';
import { resolveConfig } from '../../server/src/core/config';
import { analyze, type SuppressionNotice } from '../../server/src/engine/analyze';

const secretLine = "const apiKey = 'sk-1234567890abcdef';";
const passwordLine = "const password = 'SuperSecret123!';";

function problems(text: string, path = 'src/a.ts', rules: Record<string, 'off' | 'warning'> = {}): SuppressionNotice[] {
  return analyze({ path, text }, resolveConfig(undefined, { rules })).suppressionProblems ?? [];
}

function fixed(text: string, notice: SuppressionNotice): string {
  assert.ok(notice.fix, `a fix for ${notice.message}`);
  return applyTextEdits(text, notice.fix.edits);
}

describe('unknown rule ids in suppression comments', () => {
  it('reports a mistyped id with "did you mean" and replaces it with the closest id', () => {
    const text = `// blah-security-ignore-next-line secret/hardcoded-credentail -- fixture\n${secretLine}\n`;
    const [notice, ...rest] = problems(text);
    assert.deepEqual(rest, []);
    assert.equal(notice.kind, 'unknown-rule');
    assert.equal(
      notice.message,
      'Unknown rule "secret/hardcoded-credentail" in a suppression comment. Did you mean "secret/hardcoded-credential"?',
    );
    assert.deepEqual(notice.range, { start: { line: 0, character: 34 }, end: { line: 0, character: 61 } });
    assert.equal(notice.fix?.title, 'Replace with secret/hardcoded-credential');
    const repaired = fixed(text, notice);
    assert.equal(repaired.split('\n')[0], '// blah-security-ignore-next-line secret/hardcoded-credential -- fixture');
    assert.deepEqual(analyze({ path: 'src/a.ts', text: repaired }).findings, [], 'the repaired comment suppresses');
    assert.equal(analyze({ path: 'src/a.ts', text: repaired }).suppressionProblems, undefined);
  });

  it('reports an id far from every rule without a fix, in Dockerfiles and nginx files too', () => {
    const [ts] = problems(`${secretLine} // blah-security-ignore totally-unrelated\n`);
    assert.equal(ts.kind, 'unknown-rule');
    assert.equal(ts.fix, undefined);
    const docker = problems('# blah-security-ignore-next-line docker/root-usr\nFROM node:20.18-alpine\n', 'Dockerfile');
    assert.equal(docker[0]?.kind, 'unknown-rule', JSON.stringify(docker));
    assert.match(docker[0].message, /Did you mean "docker\/root-user"\?/);
    const nginx = problems(
      'http {\n  server {\n    # blah-security-ignore-next-line nginx/autoindx\n    autoindex on;\n  }\n}\n',
      'nginx.conf',
    );
    assert.equal(nginx[0]?.kind, 'unknown-rule', JSON.stringify(nginx));
    assert.match(nginx[0].message, /Did you mean "nginx\/autoindex"\?/);
  });
});

describe('unused suppressions', () => {
  it('reports a comment alone on its line that suppresses nothing, and removes the line', () => {
    const text = `export const a = 1;\n  // blah-security-ignore-next-line secret/hardcoded-credential -- old key\nexport const b = 2;\n`;
    const [notice, ...rest] = problems(text);
    assert.deepEqual(rest, []);
    assert.equal(notice.kind, 'unused');
    assert.equal(notice.message, 'Unused suppression: no secret/hardcoded-credential finding on line 3 to suppress.');
    assert.equal(notice.fix?.title, 'Remove the unused suppression');
    assert.equal(fixed(text, notice), 'export const a = 1;\nexport const b = 2;\n');
  });

  it('keeps the code when removing an end-of-line comment, and handles CRLF and block comments', () => {
    const text = `export const a = 1; // blah-security-ignore secret/hardcoded-password\r\nexport const b = 2;\r\n`;
    assert.equal(fixed(text, problems(text)[0]), 'export const a = 1;\r\nexport const b = 2;\r\n');
    const block = `export const a = 1; /* blah-security-ignore secret/hardcoded-password */ export const b = 2;\n`;
    assert.equal(fixed(block, problems(block)[0]), 'export const a = 1; export const b = 2;\n');
    const alone = `/* blah-security-ignore-next-line */\nexport const a = 1;`;
    const [all] = problems(alone);
    assert.equal(all.message, 'Unused suppression: no finding on line 2 to suppress.');
    assert.equal(fixed(alone, all), 'export const a = 1;');
  });

  it('removes only the ids that suppressed nothing from a comment that suppresses something', () => {
    const text = `// blah-security-ignore-next-line secret/hardcoded-password, secret/hardcoded-credential -- fixture\n${secretLine}\n`;
    const [notice, ...rest] = problems(text);
    assert.deepEqual(rest, []);
    assert.equal(notice.message, 'Unused suppression: no secret/hardcoded-password finding on line 2 to suppress.');
    assert.equal(notice.fix?.title, 'Remove secret/hardcoded-password from the suppression');
    const repaired = fixed(text, notice);
    assert.equal(repaired.split('\n')[0], '// blah-security-ignore-next-line secret/hardcoded-credential -- fixture');
    assert.deepEqual(analyze({ path: 'src/a.ts', text: repaired }).findings, []);
    const last = `// blah-security-ignore-next-line secret/hardcoded-credential, secret/hardcoded-password\n${secretLine}\n`;
    assert.equal(
      fixed(last, problems(last)[0]).split('\n')[0],
      '// blah-security-ignore-next-line secret/hardcoded-credential',
    );
  });

  it('says nothing of comments that suppress a finding, or whose rule did not run', () => {
    assert.deepEqual(problems(`// blah-security-ignore-next-line secret/hardcoded-password\n${passwordLine}\n`), []);
    assert.deepEqual(problems(`${passwordLine} // blah-security-ignore\n`), []);
    // The rule is off here (another configuration may turn it on): its comment is not judged.
    assert.deepEqual(
      problems(`// blah-security-ignore-next-line secret/hardcoded-password\nexport const a = 1;\n`, 'src/a.ts', {
        'secret/hardcoded-password': 'off',
      }),
      [],
    );
    // A comment in a string is no suppression at all.
    assert.deepEqual(problems(`export const s = '// blah-security-ignore secret/hardcoded-password';\n`), []);
  });

  it('judges an id of another language, which never applies here', () => {
    const [notice] = problems(`// blah-security-ignore-next-line docker/root-user\nexport const a = 1;\n`);
    assert.equal(notice?.kind, 'unused');
  });
});

describe('suppression problems on bad input', () => {
  it('stays fast and bounded with a huge id or thousands of ids', () => {
    const started = Date.now();
    const blob = problems(`// blah-security-ignore-next-line ${'x'.repeat(1_000_000)}\nexport const a = 1;\n`);
    assert.equal(blob.length, 1);
    assert.ok(blob[0].message.length < 200, 'the message quotes the start of the id only');
    const many = Array.from({ length: 50_000 }, (_, i) => `secret/hardcoded-pass${i % 10}`).join(', ');
    const flood = problems(`// blah-security-ignore-next-line ${many}\nexport const a = 1;\n`);
    assert.equal(flood.length, 200);
    const repeated = Array.from({ length: 50_000 }, () => 'secret/hardcoded-password').join(', ');
    const [whole, ...rest] = problems(`// blah-security-ignore-next-line ${repeated}\nexport const a = 1;\n`);
    assert.deepEqual(rest, []);
    assert.equal(whole.message, 'Unused suppression: no secret/hardcoded-password finding on line 2 to suppress.');
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });
});
