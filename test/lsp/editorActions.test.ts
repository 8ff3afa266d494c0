// The editor's code actions around a finding beyond its fixes: the rule's documentation (offline,
// the page the package ships) and the "ignore" comment with a reason to fill in.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, messageText } from '../helpers/lspClient';

const repo = join(__dirname, '..', '..');
const insecure = join(repo, 'examples', 'insecure-mcp-server');
const uriOf = (path: string): string => pathToFileURL(path).href;
const SHOW_DOCUMENTATION = 'blah-security.showDocumentation';

const exampleFiles: Array<[string, string]> = [
  ...['admin', 'integrations', 'files', 'auth', 'config', 'crypto', 'db', 'server', 'stdio'].map(
    (name): [string, string] => [join('src', `${name}.ts`), 'typescript'],
  ),
  ['Dockerfile', 'dockerfile'],
  ['nginx.conf', 'nginx'],
];

function isDocsAction(action: CodeAction): boolean {
  return action.command?.command === SHOW_DOCUMENTATION;
}

/** Actions that change the code to remove the problem (not ignore, disable or docs). */
function realFixes(actions: CodeAction[]): CodeAction[] {
  return actions.filter(
    (a) => a.edit && !a.title.startsWith('Ignore ') && !a.title.startsWith('Disable ') && a.kind === 'quickfix',
  );
}

describe('rule documentation in the editor', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ rootUri: uriOf(insecure) });
  });
  after(() => client.kill());

  it('offers "Show documentation" on every diagnostic of the insecure example, pointing at a shipped page', async () => {
    let checked = 0;
    const rules = new Set<string>();
    for (const [relative, languageId] of exampleFiles) {
      const path = join(insecure, relative);
      const uri = uriOf(path);
      const published = await client.open(uri, languageId, readFileSync(path, 'utf8'));
      for (const diagnostic of published.diagnostics.filter((d) => typeof d.code === 'string')) {
        const ruleId = String(diagnostic.code);
        const href = diagnostic.codeDescription?.href;
        assert.ok(href?.startsWith('file:'), `${ruleId}: codeDescription.href is a file: URI (${href})`);
        const page = fileURLToPath(href!);
        assert.ok(existsSync(page), `${ruleId}: ${page} exists`);
        assert.equal(page, join(repo, 'docs', 'rules', `${ruleId}.md`));

        const actions = await client.codeActions(uri, [diagnostic]);
        const docs = actions.filter(isDocsAction);
        assert.equal(docs.length, 1, `${ruleId}: one docs action among ${actions.map((a) => a.title).join(', ')}`);
        assert.equal(docs[0].title, `Show documentation for ${ruleId}`);
        assert.equal(docs[0].kind, 'quickfix');
        assert.equal(docs[0].edit, undefined, 'a command, not an edit');
        assert.notEqual(docs[0].isPreferred, true);
        const [argument] = docs[0].command!.arguments as Array<{ ruleId: string; uri: string }>;
        assert.equal(argument.ruleId, ruleId);
        assert.equal(argument.uri, href);

        // Fixes come first (the first one preferred); then the docs; ignoring is never preferred.
        const fixes = realFixes(actions);
        assert.equal(actions.indexOf(docs[0]), fixes.length, `${ruleId}: ${actions.map((a) => a.title).join(', ')}`);
        for (const action of actions) if (!fixes.includes(action)) assert.notEqual(action.isPreferred, true);
        const ignore = actions.find((a) => a.title === `Ignore ${ruleId} on this line`);
        assert.ok(ignore, `${ruleId}: an ignore action`);
        if (fixes.length === 0) assert.equal(actions[0], docs[0], `${ruleId}: docs first without a fix`);
        checked++;
        rules.add(ruleId);
      }
    }
    assert.ok(checked >= 30, `checked ${checked} diagnostics`);
    assert.ok(rules.size >= 15, `of ${rules.size} rules`);
    assert.ok(
      [...rules].some((id) => id.startsWith('docker/')) && [...rules].some((id) => id.startsWith('nginx/')),
      'Dockerfile and nginx diagnostics are among them',
    );
  });

  it('links the hover to the same shipped page', async () => {
    const uri = 'file:///virtual/docs-hover.ts';
    const published = await client.open(uri, 'typescript', "const apiKey = 'sk-1234567890abcdef';\n");
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: published.diagnostics[0].range.start,
    })) as { contents: { value: string } };
    const href = published.diagnostics[0].codeDescription!.href;
    assert.ok(href.startsWith('file:'), href);
    assert.ok(hover.contents.value.includes(`[Rule documentation](${href})`), hover.contents.value);
  });
});

describe('"Show documentation" executed by the server', () => {
  it('asks the client to show the page (window/showDocument), and only for a registered rule', async () => {
    const client = await LspTestClient.start({
      capabilities: {
        window: { showDocument: { support: true } },
        textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
      },
    });
    try {
      const shown: Array<{ uri: string; external?: boolean }> = [];
      client.connection.onRequest('window/showDocument', (params: { uri: string; external?: boolean }) => {
        shown.push(params);
        return { success: true };
      });
      const initialized = (await client.connection.sendRequest('workspace/executeCommand', {
        command: SHOW_DOCUMENTATION,
        arguments: [{ ruleId: 'ts/sql-injection', uri: 'file:///etc/passwd' }],
      })) as unknown;
      assert.equal(initialized, null);
      assert.equal(shown.length, 1);
      assert.equal(shown[0].uri, uriOf(join(repo, 'docs', 'rules', 'ts', 'sql-injection.md')));
      assert.equal(shown[0].external, false);
      for (const ruleId of ['ts/../../etc/passwd', 'ts/no-such-rule', 42, undefined]) {
        await client.connection.sendRequest('workspace/executeCommand', {
          command: SHOW_DOCUMENTATION,
          arguments: [{ ruleId }],
        });
      }
      await client.connection.sendRequest('workspace/executeCommand', { command: SHOW_DOCUMENTATION });
      assert.equal(shown.length, 1, 'nothing shown for what is not a rule');
    } finally {
      client.kill();
    }
  });

  it('links to the base URL the client gives (initializationOptions.docsBaseUrl)', async () => {
    const client = await LspTestClient.start({
      initializationOptions: { docsBaseUrl: 'https://docs.example.com/blah' },
    });
    try {
      const published = await client.open(
        'file:///virtual/base.ts',
        'typescript',
        "const apiKey = 'sk-1234567890abcdef';\n",
      );
      assert.equal(
        published.diagnostics[0].codeDescription?.href,
        'https://docs.example.com/blah/docs/rules/secret/hardcoded-credential.md',
      );
    } finally {
      client.kill();
    }
  });
});

describe('"Ignore <id> on this line" asks for a reason', () => {
  const text = "export function f() {\n    const password = 'SuperSecret123!';\n    return password;\n}\n";

  async function ignoreAction(client: LspTestClient, uri: string): Promise<{ action: CodeAction; d: Diagnostic[] }> {
    const published = await client.open(uri, 'typescript', text);
    const actions = await client.codeActions(uri, published.diagnostics);
    const action = actions.find((a) => a.title === 'Ignore secret/hardcoded-password on this line');
    assert.ok(action, actions.map((a) => a.title).join(', '));
    assert.notEqual(action.isPreferred, true);
    return { action, d: published.diagnostics };
  }

  it('sends a snippet with the reason as its selected placeholder to clients with snippet edits', async () => {
    const client = await LspTestClient.start({
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
        textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
      },
    });
    try {
      const { action } = await ignoreAction(client, 'file:///virtual/ignore-snippet.ts');
      const change = action.edit?.documentChanges?.[0];
      assert.ok(change && 'edits' in change, JSON.stringify(action.edit));
      assert.deepEqual(change.edits, [
        {
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
          snippet: {
            kind: 'snippet',
            value: '    // blah-security-ignore-next-line secret/hardcoded-password -- ${1:reason}\n',
          },
        },
      ]);
    } finally {
      client.kill();
    }
  });

  it('inserts "-- reason" as text for other clients, and the comment suppresses the finding', async () => {
    const client = await LspTestClient.start();
    try {
      const uri = 'file:///virtual/ignore-text.ts';
      const { action } = await ignoreAction(client, uri);
      client.applyEdit(action.edit!);
      assert.equal(
        client.text(uri).split('\n')[1],
        '    // blah-security-ignore-next-line secret/hardcoded-password -- reason',
      );
      assert.deepEqual((await client.sync(uri)).diagnostics, []);
    } finally {
      client.kill();
    }
  });
});

describe('suppressions that can be audited', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.kill());

  it('reports an unknown id in a suppression comment, with a "did you mean" fix that makes it work', async () => {
    const uri = 'file:///virtual/unknown-id.ts';
    const text = `// blah-security-ignore-next-line secret/hardcoded-pasword -- fixture\nconst password = 'SuperSecret123!';\nexport { password };\n`;
    const published = await client.open(uri, 'typescript', text);
    const unknown = published.diagnostics.filter((d) => messageText(d).startsWith('Unknown rule'));
    assert.equal(unknown.length, 1, JSON.stringify(published.diagnostics));
    assert.equal(unknown[0].severity, 2);
    assert.match(messageText(unknown[0]), /Did you mean "secret\/hardcoded-password"\?/);
    assert.ok(
      published.diagnostics.some((d) => d.code === 'secret/hardcoded-password'),
      'the finding stands',
    );
    const actions = await client.codeActions(uri, unknown);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [['Replace with secret/hardcoded-password', true]],
    );
    client.applyEdit(actions[0].edit!);
    assert.equal(
      client.text(uri).split('\n')[0],
      '// blah-security-ignore-next-line secret/hardcoded-password -- fixture',
    );
    assert.deepEqual((await client.sync(uri)).diagnostics, []);
  });

  it('reports a suppression that suppresses nothing (faded), and removes it', async () => {
    const uri = 'file:///virtual/unused.ts';
    const text = `export const a = 1; // blah-security-ignore secret/hardcoded-password\nexport const b = 2;\n`;
    const published = await client.open(uri, 'typescript', text);
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
    const [unused] = published.diagnostics;
    assert.equal(unused.severity, 3);
    assert.deepEqual(unused.tags, [1]);
    assert.equal(
      messageText(unused),
      'Unused suppression: no secret/hardcoded-password finding on line 1 to suppress.',
    );
    const actions = await client.codeActions(uri, [unused]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Remove the unused suppression'],
    );
    client.applyEdit(actions[0].edit!);
    assert.equal(client.text(uri), 'export const a = 1;\nexport const b = 2;\n');
    assert.deepEqual((await client.sync(uri)).diagnostics, []);
  });

  it('does not report unused suppressions with blahSecurity.reportUnusedSuppressions off (unknown ids still)', async () => {
    const quiet = await LspTestClient.start({ settings: { reportUnusedSuppressions: false } });
    try {
      const published = await quiet.open(
        'file:///virtual/quiet.ts',
        'typescript',
        `export const a = 1; // blah-security-ignore secret/hardcoded-password\n// blah-security-ignore-next-line ts/sql-injektion\nexport const b = 2;\n`,
      );
      assert.deepEqual(
        published.diagnostics.map((d) => messageText(d)),
        ['Unknown rule "ts/sql-injektion" in a suppression comment. Did you mean "ts/sql-injection"?'],
      );
    } finally {
      quiet.kill();
    }
  });

  it('offers the closest rule id for an unknown one in .blah-security.json', async () => {
    const uri = 'file:///virtual/project/.blah-security.json';
    const text = '{\n  "rules": { "ts/sql-injektion": "off" }\n}\n';
    const published = await client.open(uri, 'jsonc', text);
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
    assert.match(messageText(published.diagnostics[0]), /Did you mean "ts\/sql-injection"\?/);
    const actions = await client.codeActions(uri, published.diagnostics);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [['Replace with ts/sql-injection', true]],
    );
    client.applyEdit(actions[0].edit!);
    assert.equal(client.text(uri), '{\n  "rules": { "ts/sql-injection": "off" }\n}\n');
    assert.deepEqual((await client.sync(uri)).diagnostics, []);
  });

  it('ignores repair data that is not well formed', async () => {
    const uri = 'file:///virtual/bad-data.ts';
    await client.open(uri, 'typescript', 'export const a = 1;\n');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    for (const data of [
      { repair: 'unused-suppression', version: 1, fix: { title: 'x', edits: 7 } },
      { repair: 'elsewhere', version: 1 },
      { repair: 1 },
      null,
    ]) {
      const actions = await client.codeActions(uri, [{ range, message: 'm', source: 'BLAH Security', data }]);
      assert.deepEqual(actions, []);
    }
  });
});

describe('unknown rule ids in the blahSecurity.rules setting', () => {
  const settings = { rules: { 'ts/sql-injektion': 'off', 'secret/hardcoded-password': 'off' } };

  it('warns once with "did you mean", and asks a client that can to replace the id', async () => {
    const client = await LspTestClient.start({ settings, initializationOptions: { replaceRuleSetting: true } });
    try {
      const asked: Array<{ message: string; actions?: Array<{ title: string }> }> = [];
      const replaced: unknown[] = [];
      client.connection.onRequest(
        'window/showMessageRequest',
        (params: { message: string; actions?: Array<{ title: string }> }) => {
          asked.push(params);
          return params.actions?.[0] ?? null;
        },
      );
      const done = new Promise<void>((resolve) =>
        client.connection.onRequest('blahSecurity/replaceRuleSetting', (params: unknown) => {
          replaced.push(params);
          resolve();
          return true;
        }),
      );
      await client.open('file:///virtual/settings-a.ts', 'typescript', 'export const a = 1;\n');
      await client.open('file:///virtual/settings-b.ts', 'typescript', 'export const b = 1;\n');
      await done;
      assert.equal(asked.length, 1, JSON.stringify(asked));
      assert.equal(
        asked[0].message,
        'Unknown rule "ts/sql-injektion" in the blahSecurity.rules setting; it has no effect. Did you mean "ts/sql-injection"?',
      );
      assert.deepEqual(asked[0].actions, [{ title: 'Replace with ts/sql-injection' }]);
      assert.equal(replaced.length, 1);
      assert.deepEqual(
        { ...(replaced[0] as object), scopeUri: undefined },
        { scopeUri: undefined, from: 'ts/sql-injektion', to: 'ts/sql-injection' },
      );
    } finally {
      client.kill();
    }
  });

  it('only tells other clients, without an action', async () => {
    const client = await LspTestClient.start({ settings });
    try {
      const shown = new Promise<{ message: string }>((resolve) =>
        client.connection.onNotification('window/showMessage', resolve),
      );
      client.connection.onRequest('window/showMessageRequest', () => assert.fail('no action for this client'));
      await client.open('file:///virtual/settings-c.ts', 'typescript', 'export const c = 1;\n');
      assert.match((await shown).message, /Unknown rule "ts\/sql-injektion".*Did you mean "ts\/sql-injection"\?/);
    } finally {
      client.kill();
    }
  });
});

describe('suppressing in MCP client configurations', () => {
  const config = (key: string): string =>
    `{\n  "mcpServers": {\n    "payments": {\n      "command": "uvx",\n      "args": ["acme-payments-mcp==0.9.2"],\n      "env": { "${key}": "sk_live_3FfkCzJr4i0B3JrTAwR4y9oj" }\n    }\n  }\n}\n`;

  it('offers no comment where the client reads strict JSON, and one where it reads JSONC', async () => {
    const client = await LspTestClient.start();
    try {
      const titlesFor = async (uri: string): Promise<string[]> => {
        const published = await client.open(uri, 'json', config('STRIPE_SECRET_KEY'));
        const secret = published.diagnostics.filter((d) => d.code === 'mcp/config-secret');
        assert.equal(secret.length, 1, JSON.stringify(published.diagnostics));
        return (await client.codeActions(uri, secret)).map((a) => a.title);
      };
      // Claude Desktop parses its file as JSON: a comment would break it.
      const strict = await titlesFor('file:///virtual/mcp/claude_desktop_config.json');
      assert.ok(!strict.some((t) => t.startsWith('Ignore')), strict.join(', '));
      assert.ok(strict.includes('Show documentation for mcp/config-secret'), strict.join(', '));
      const jsonc = await titlesFor('file:///virtual/mcp/.cursor/mcp.json');
      assert.ok(jsonc.includes('Ignore mcp/config-secret on this line'), jsonc.join(', '));
    } finally {
      client.kill();
    }
  });
});
