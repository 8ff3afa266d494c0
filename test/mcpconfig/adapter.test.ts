// The MCP client configuration adapter: which paths it claims (by name only), that it reads the
// servers blocks and nothing else of a settings file, broken and absurd JSON, suppression
// comments, exact ranges, the fix snapshots' syntax, and that the CLI's walk finds the files in
// dot-folders.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { analyze } from '../../server/src/engine/analyze';
import { detectLanguage, languageByName, mayBeAnalyzed } from '../../server/src/engine/detect';
import { mcpClientOf } from '../../server/src/languages/mcpconfig/model';
import { LineIndex } from '../../server/src/core/text';
import { collectFiles } from '../../server/src/cli/files';

const repo = join(__dirname, '..', '..');
const fixtures = join(__dirname, 'fixtures');
const read = (path: string): string => readFileSync(join(fixtures, path), 'utf8');

describe('MCP configuration detection', () => {
  it('claims the client configuration paths, certain by name', () => {
    const claimed: Record<string, string> = {
      'project/.vscode/mcp.json': 'vscode',
      'project/.vscode/settings.json': 'vscode-settings',
      'C:\\Users\\dana\\.cursor\\mcp.json': 'cursor',
      '.mcp.json': 'claude-code',
      'tools/mcp.json': 'generic',
      '/Users/dana/Library/Application Support/Claude/claude_desktop_config.json': 'claude-desktop',
      '/home/dana/.gemini/settings.json': 'gemini',
    };
    for (const [path, client] of Object.entries(claimed)) {
      assert.equal(mcpClientOf(path), client, path);
      assert.deepEqual(languageByName(path), { language: 'mcp-config', certain: true }, path);
    }
  });

  it('leaves other JSON files alone, whatever they hold', () => {
    for (const path of [
      'package.json',
      'tsconfig.json',
      'settings.json',
      'config/settings.json',
      '.vscode/launch.json',
      '.vscode/extensions.json',
      'mcp.json.bak',
      'mcp.jsonc',
      'docs/mcp.md',
    ]) {
      assert.equal(mayBeAnalyzed(path), false, path);
      assert.equal(detectLanguage(path, 'json', '{"mcpServers": {"x": {"command": "npx"}}}'), undefined, path);
    }
  });

  it('is not taken by the editor language id of every JSON file', () => {
    assert.equal(detectLanguage('src/data.json', 'jsonc'), undefined);
    assert.equal(detectLanguage('.vscode/mcp.json', 'jsonc'), 'mcp-config');
  });
});

describe('MCP configuration analysis', () => {
  it('reads only the mcp section of VS Code settings', () => {
    const text = read('vscode-settings/.vscode/settings.json');
    const result = analyze({ path: 'vscode-settings/.vscode/settings.json', text });
    assert.equal(result.language, 'mcp-config');
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['mcp/unpinned-package'],
    );
    // The same file as another settings file is not an MCP configuration at all.
    assert.equal(analyze({ path: 'config/settings.json', text }).skipped !== undefined, true);
  });

  it('reports exact ranges: the JSON string token', () => {
    const text = read('vscode-settings/.vscode/settings.json');
    const [finding] = analyze({ path: '.vscode/settings.json', text }).findings;
    const lines = new LineIndex(text);
    assert.equal(
      text.slice(lines.offsetAt(finding.range.start), lines.offsetAt(finding.range.end)),
      '"mcp-server-fetch"',
    );
  });

  it('analyzes what parses of a broken file, without rule errors', () => {
    const text = read('broken/.mcp.json');
    const result = analyze({ path: 'broken/.mcp.json', text });
    assert.deepEqual(result.ruleErrors, []);
    assert.equal(result.failed, undefined);
    assert.ok(result.findings.some((f) => f.ruleId === 'mcp/unpinned-package' && f.range.start.line === 4));
  });

  it('says why it does not read a file nested deeper than any configuration', () => {
    const text = `{"mcpServers": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const result = analyze({ path: '.mcp.json', text });
    assert.match(result.skipped ?? '', /nested more than/);
    assert.deepEqual(result.findings, []);
  });

  it('honours suppression comments of the JSONC files', () => {
    const text = read('suppressed/.cursor/mcp.json');
    const result = analyze({ path: 'suppressed/.cursor/mcp.json', text });
    assert.deepEqual(result.findings, []);
    const without = analyze({ path: 'suppressed/.cursor/mcp.json', text: text.replace(/^\s*\/\/.*\n/m, '') });
    assert.deepEqual(
      without.findings.map((f) => f.ruleId),
      ['mcp/unpinned-package'],
    );
  });

  it('never shows a whole secret in a message', () => {
    const token = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';
    const text = `{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@acme/gh@1.0.0"], "env": {"GITHUB_TOKEN": "${token}"}}}}`;
    const [finding] = analyze({ path: '.cursor/mcp.json', text }).findings;
    assert.equal(finding.ruleId, 'mcp/config-secret');
    assert.ok(!finding.message.includes(token.slice(4, 12)), finding.message);
  });

  it('writes fix snapshots that are valid JSONC', () => {
    const dir = join(repo, 'test', 'rules', 'mcp');
    let snapshots = 0;
    for (const rule of readdirSync(dir))
      for (const file of readdirSync(join(dir, rule)).filter((f) => f.includes('.fixed.') && f.endsWith('.json'))) {
        const errors: ParseError[] = [];
        parseTree(readFileSync(join(dir, rule, file), 'utf8'), errors, { allowTrailingComma: false });
        assert.deepEqual(errors, [], `${rule}/${file}`);
        snapshots++;
      }
    assert.ok(snapshots >= 3, `${snapshots} snapshots`);
  });
});

describe('MCP configuration discovery', () => {
  it('the CLI walk lists .vscode/mcp.json of a project (a dot-folder)', async () => {
    const { files } = await collectFiles(join(repo, 'examples', 'insecure-mcp-server'), []);
    assert.ok(
      files.some((f) => f.replace(/\\/g, '/').endsWith('/insecure-mcp-server/.vscode/mcp.json')),
      files.join('\n'),
    );
  });
});
