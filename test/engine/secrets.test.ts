// Secret classification: the decisions every secret rule shares.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTestPath } from '../../server/src/core/paths';
import { analyze } from '../../server/src/engine/analyze';
import {
  findCredentials,
  isPlaceholder,
  isSecretLikeName,
  localDevelopmentDefault,
  looksLikeSecretValue,
  maskSecret,
  toEnvName,
} from '../../server/src/knowledge/secrets';
import { cpuMsOf } from '../helpers/cpu';

describe('secret classification', () => {
  it('names that hold secrets', () => {
    for (const name of [
      'password',
      'apiKey',
      'API_KEY',
      'JWT_SECRET',
      'clientSecret',
      'authToken',
      'DB_PASS',
      'privateKey',
      'accessToken',
      'smtpPassword',
      'secretKey',
      'passwd',
      'auth',
    ]) {
      assert.equal(isSecretLikeName(name), true, name);
    }
  });

  it('names about secrets that hold none', () => {
    for (const name of [
      'tokenUrl',
      'passwordField',
      'secretName',
      'pageToken',
      'tokenType',
      'key',
      'passwordMinLength',
      'tokens',
      'isPassword',
      'authHeader',
      'keyName',
      'monkey',
      'nextToken',
      'cancellationToken',
    ]) {
      assert.equal(isSecretLikeName(name), false, name);
    }
  });

  it('placeholders', () => {
    for (const value of [
      'your-secret-key',
      'changeme',
      'xxx',
      'xxxxxxxx',
      '<token>',
      '${API_KEY}',
      '',
      '   ',
      'aaaaaaaa',
      'keyboard cat',
      'sk-your-key-here',
      'AKIAIOSFODNN7EXAMPLE',
      '{{secret}}',
      'REPLACE_ME',
    ]) {
      assert.equal(isPlaceholder(value), true, value);
    }
    for (const value of ['Xk29vLq7pR', 'sk-1234567890abcdef', 'hunter2hunter'])
      assert.equal(isPlaceholder(value), false, value);
  });

  it('secret-looking values', () => {
    for (const value of ['SuperSecret123!', 'a8f5f167f44f4964e6c998dee827110c', 'pg_Pr0d#2024'])
      assert.equal(looksLikeSecretValue(value), true, value);
    for (const value of [
      'Enter your password',
      'GITHUB_TOKEN',
      'https://auth.example.com/token',
      'auth.password.label',
      'string',
      'short',
      'Bearer',
    ]) {
      assert.equal(looksLikeSecretValue(value), false, value);
    }
  });

  it('credential formats, masked', () => {
    const text =
      "a = 'sk-1234567890abcdef'; b = 'AKIAIOSFODNN7EXAMPLE'; c = 'postgres://user:password@localhost/db'; d = 'mysql://app:Xk29vLq7pR@db:3306/app'";
    const found = findCredentials(text).map((m) => [m.format.id, m.value]);
    assert.deepEqual(found, [
      ['openai', 'sk-1234567890abcdef'],
      ['url-credentials', 'mysql://app:Xk29vLq7pR@db:3306/app'],
    ]);
    assert.equal(maskSecret('sk-1234567890abcdef'), 'sk-1…');
  });

  it('default credentials on a loopback host are a local development default', () => {
    for (const [url, host] of [
      ['postgres://postgres:postgres@127.0.0.1/db', '127.0.0.1'],
      ['postgresql://postgres:mysecretpassword@localhost:5432/app', 'localhost'],
      ['mysql://root:root@127.0.1.1:3306/shop', '127.0.1.1'],
      ['mongodb://admin:admin@0.0.0.0:27017', '0.0.0.0'],
      ['amqp://guest:guest@localhost:5672', 'localhost'],
      ['redis://app:APP@api.localhost:6379', 'api.localhost'],
    ]) {
      assert.equal(localDevelopmentDefault(url), host, url);
    }
    for (const url of [
      'postgres://postgres:Xk29vLq7pR@localhost/db', // a real-looking password, even on localhost
      'postgres://postgres:postgres@db.internal/app', // default credentials on another host
      'mysql://root:root@10.0.0.5/shop',
      'postgres://postgres:postgres@localhost.example.com/db',
      'postgres://postgres:postgres@128.0.0.1/db',
    ]) {
      assert.equal(localDevelopmentDefault(url), undefined, url);
    }
  });

  it('reports a local development default as info, with the reason', () => {
    const text = [
      "export const local = 'postgres://postgres:postgres@127.0.0.1/db';",
      "export const real = 'postgres://postgres:Tq8wLz3nVb@localhost/db';",
      "export const remote = 'postgres://postgres:postgres@db.internal/app';",
    ].join('\n');
    const found = analyze({ path: 'src/db.ts', text })
      .findings.filter((f) => f.ruleId === 'secret/hardcoded-credential')
      .map((f) => [f.range.start.line, f.severity, /local development default/.test(f.message)]);
    assert.deepEqual(found, [
      [0, 'info', true],
      [1, 'error', false],
      [2, 'error', false],
    ]);
  });

  it('environment names and test paths', () => {
    assert.equal(toEnvName('apiKey'), 'API_KEY');
    assert.equal(toEnvName('jwt-secret'), 'JWT_SECRET');
    assert.equal(toEnvName('openAIKey'), 'OPEN_AI_KEY');
    assert.equal(isTestPath('test/a.ts'), true);
    assert.equal(isTestPath('src/__tests__/a.ts'), true);
    assert.equal(isTestPath('src/a.test.ts'), true);
    assert.equal(isTestPath('src/contest.ts'), false);
    assert.equal(isTestPath('src/latest/a.ts'), false);
  });

  it('stays linear on adversarial input', (t) => {
    const inputs = [
      'sk-' + 'a'.repeat(100000),
      'x://' + 'a:'.repeat(50000),
      '-----BEGIN PRIVATE KEY-----\n' + 'A'.repeat(100000),
      'eyJ' + 'a.eyJ'.repeat(20000),
    ];
    const took: string[] = [];
    for (const input of inputs) {
      // A hang detector (backtracking takes seconds to hours on 100 KB), in CPU time: see test/helpers/cpu.ts.
      const ms = cpuMsOf(() => findCredentials(input), 1000);
      took.push(`${ms.toFixed(1)} ms`);
      assert.ok(ms < 1000, `slow on ${input.slice(0, 20)}…: ${ms.toFixed(0)} ms of CPU`);
    }
    t.diagnostic(`CPU per input: ${took.join(', ')}`);
  });

  // Protects: a hostile file cannot make secret/hardcoded-credential overrun the watchdog's budget
  // (which skipped the rule on that file), by many credentials in one unclosed comment. Each match
  // was compared with every earlier one, and each looked up the end-of-file token's start, which
  // scans the whole comment: 36 s for 400 KB, now about 0.5 s.
  it('stays linear on 20,000 URL credentials in an unclosed comment', (t) => {
    const lines = ['/*'];
    for (let i = 0; lines.length < 20000; i++) lines.push(`ab://c:d${i}@e`);
    const text = lines.join('\n') + '\n';
    let result: ReturnType<typeof analyze> | undefined;
    const ms = cpuMsOf(() => {
      result = analyze({ path: 'src/big.ts', text });
    }, 5000);
    t.diagnostic(`CPU for ${Math.round(text.length / 1024)} KB: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 5000, `quadratic on many credentials: ${ms.toFixed(0)} ms of CPU`);
    assert.deepEqual(result?.ruleErrors, []);
    assert.ok(result!.findings.some((f) => f.ruleId === 'secret/hardcoded-credential'));
  });
});
