// The nginx TextMate grammar, tokenized by VS Code's own engine (vscode-textmate with the
// Oniguruma WASM build): token scopes for a set of snippets, compared with a reviewed snapshot.
// UPDATE_SNAPSHOTS=1 rewrites the snapshot.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type StateStack } from 'vscode-textmate';

const repo = join(__dirname, '..', '..');

async function loadGrammar() {
  const wasm = readFileSync(join(repo, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      if (scope !== 'source.nginx') return null;
      const path = join(repo, 'syntaxes', 'nginx.tmLanguage.json');
      return parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
  const grammar = await registry.loadGrammar('source.nginx');
  assert.ok(grammar, 'grammar loads');
  return grammar;
}

it('scopes directives, blocks, parameters, strings, variables, regex locations, comments and numbers', async () => {
  const grammar = await loadGrammar();
  const lines = readFileSync(join(__dirname, 'snippets.nginx'), 'utf8').split('\n');
  let state: StateStack = INITIAL;
  const out: string[] = [];
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    out.push(`> ${line}`);
    for (const token of result.tokens) {
      const text = line.slice(token.startIndex, token.endIndex);
      if (text.trim() === '') continue;
      out.push(`  ${JSON.stringify(text)} ${token.scopes.filter((s) => s !== 'source.nginx').join(' ')}`);
    }
  }
  const snapshot = out.join('\n') + '\n';
  const path = join(__dirname, 'snippets.nginx.snapshot');
  if (process.env.UPDATE_SNAPSHOTS === '1' && (!existsSync(path) || readFileSync(path, 'utf8') !== snapshot)) {
    writeFileSync(path, snapshot);
    return;
  }
  assert.equal(snapshot, readFileSync(path, 'utf8'));
  // Spot checks a reader can verify without the snapshot.
  const scopeOf = (text: string) =>
    out
      .find((l) => l.startsWith(`  ${JSON.stringify(text)} `))
      ?.split(' ')
      .slice(3)
      .join(' ');
  assert.match(scopeOf('listen') ?? '', /keyword\.other\.directive\.nginx/);
  assert.match(scopeOf('server') ?? '', /storage\.type\.block\.nginx/);
  assert.match(scopeOf('$request_uri') ?? '', /variable\.other\.nginx/);
  assert.match(scopeOf('${proxy_add_x_forwarded_for}') ?? '', /variable\.other\.nginx/);
  assert.match(scopeOf('10m') ?? '', /constant\.numeric\.nginx/);
  assert.match(
    scopeOf('# A comment with $not_a_variable') ?? scopeOf(' A comment with $not_a_variable') ?? '',
    /comment\.line/,
  );
  assert.match(scopeOf('^/api/v[0-9]{1,2}/') ?? '', /string\.quoted\.double/);
});
