// No output ever carries a full secret: diagnostics (messages and data), hovers, server logs,
// and the CLI's text, JSON and SARIF, checked against every secret in the fixtures.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { analyze, languageOf } from '../../server/src/engine/analyze';
import { findCredentials } from '../../server/src/knowledge/secrets';
import { LineIndex } from '../../server/src/core/text';
import { LspTestClient } from '../helpers/lspClient';

const repo = join(__dirname, '..', '..');
const secretRules = new Set([
  'secret/hardcoded-credential',
  'secret/hardcoded-password',
  'secret/env-fallback',
  'docker/secret-in-env',
]);

function fixtureFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (languageOf(path) && !entry.name.includes('.fixed.')) files.push(path);
    }
  };
  walk(join(repo, 'test', 'rules'));
  walk(join(repo, 'examples'));
  return files;
}

/** Every secret value the fixtures contain: credential formats and the values secret rules flag. */
function fixtureSecrets(files: string[]): string[] {
  const secrets = new Set<string>();
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    for (const match of findCredentials(text)) secrets.add(match.value);
    const lines = new LineIndex(text);
    for (const finding of analyze({ path, text }).findings) {
      if (!secretRules.has(finding.ruleId)) continue;
      const flagged = text
        .slice(lines.offsetAt(finding.range.start), lines.offsetAt(finding.range.end))
        .replace(/^["'`]|["'`]$/g, '');
      if (flagged.length >= 8) secrets.add(flagged);
    }
  }
  return [...secrets];
}

const files = fixtureFiles();
const secrets = fixtureSecrets(files);

function leaks(output: string): string[] {
  return secrets.filter((secret) => output.includes(secret)).map((s) => `${s.slice(0, 6)}… (${s.length} chars)`);
}

describe('no secret leaks', () => {
  it('found the fixture secrets to look for', () => {
    assert.ok(secrets.length >= 20, `${secrets.length} secrets`);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`CLI ${format} output`, () => {
      const result = spawnSync(
        process.execPath,
        [join(repo, 'bin', 'blah-security.js'), 'scan', 'test/rules', 'examples', '--format', format, '--verbose'],
        { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      assert.ok(result.stdout.length > 1000);
      assert.deepEqual(leaks(result.stdout + result.stderr), []);
    });
  }

  it('LSP diagnostics, diagnostic data, hovers and logs', async () => {
    const client = await LspTestClient.start();
    try {
      const withSecrets = files.filter((path) => secrets.some((s) => readFileSync(path, 'utf8').includes(s)));
      assert.ok(withSecrets.length >= 5);
      for (const path of withSecrets) {
        const uri = pathToFileURL(path).href;
        const published = await client.open(
          uri,
          languageOf(path) === 'dockerfile' ? 'dockerfile' : languageOf(path) === 'nginx' ? 'nginx' : 'typescript',
          readFileSync(path, 'utf8'),
        );
        const messages = published.diagnostics.map((d) => JSON.stringify({ message: d.message, data: d.data }));
        const hovers: string[] = [];
        for (const diagnostic of published.diagnostics) {
          const hover = await client.connection.sendRequest('textDocument/hover', {
            textDocument: { uri },
            position: diagnostic.range.start,
          });
          hovers.push(JSON.stringify(hover));
        }
        assert.deepEqual(leaks(messages.join('\n') + hovers.join('\n')), [], path);
      }
      assert.deepEqual(leaks(client.logs.join('\n')), []);
    } finally {
      client.kill();
    }
  });
});
