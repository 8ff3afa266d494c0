// Secret classification: the decisions every secret rule shares.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTestPath } from '../../server/src/core/paths';
import {
  findCredentials,
  isPlaceholder,
  isSecretLikeName,
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
});
