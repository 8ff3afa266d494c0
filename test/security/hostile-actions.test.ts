// Code actions in a hostile repository (issue #22, items 12 and 13): a quick fix never writes
// through a symbolic link or outside the workspace folder, and what a client sends back in a
// diagnostic (its data, code and range) is never taken as an edit. The links are made here, in a
// temporary folder; nothing of it is committed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

const posix = process.platform !== 'win32';
const scratch = mkdtempSync(join(tmpdir(), 'blah-hostile-actions-'));
const workspace = join(scratch, 'workspace');
/** Stands for the user's shell profile: outside the workspace, and never to be written or read. */
const profile = join(scratch, 'home', '.bashrc');
const PROFILE_TEXT = 'export PATH=$HOME/bin:$PATH\nalias ll="ls -l"\n';
const DOCKERFILE = 'FROM node:20.18-alpine\nCOPY . .\nUSER node\nHEALTHCHECK NONE\n';

/** Every file a workspace edit creates or changes, as URIs. */
function targets(edit: WorkspaceEdit | undefined): string[] {
  if (!edit) return [];
  const uris = Object.keys(edit.changes ?? {});
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change) uris.push(change.textDocument.uri);
    else if ('uri' in change) uris.push(change.uri);
    else uris.push(change.newUri);
  }
  return uris;
}

function allTargets(actions: readonly CodeAction[]): string[] {
  return actions.flatMap((a) => targets(a.edit));
}

const uri = (...parts: string[]): string => pathToFileURL(join(workspace, ...parts)).href;

describe('quick fixes in a hostile repository', { skip: !posix }, () => {
  let client: LspTestClient;
  before(async () => {
    mkdirSync(join(scratch, 'home'));
    writeFileSync(profile, PROFILE_TEXT);
    // .dockerignore -> the profile, outside the workspace.
    mkdirSync(join(workspace, 'outward'), { recursive: true });
    symlinkSync(profile, join(workspace, 'outward', '.dockerignore'));
    writeFileSync(join(workspace, 'outward', 'Dockerfile'), DOCKERFILE);
    // .dockerignore -> another file of the workspace: still a link, still not written.
    mkdirSync(join(workspace, 'inward'));
    writeFileSync(join(workspace, 'inward', 'notes.txt'), 'build notes\n');
    symlinkSync(join(workspace, 'inward', 'notes.txt'), join(workspace, 'inward', '.dockerignore'));
    writeFileSync(join(workspace, 'inward', 'Dockerfile'), DOCKERFILE);
    // A folder that leads outside: its .dockerignore would be created there.
    symlinkSync(join(scratch, 'home'), join(workspace, 'elsewhere'));
    // The control: a plain folder gets the fix.
    mkdirSync(join(workspace, 'plain'));
    writeFileSync(join(workspace, 'plain', 'Dockerfile'), DOCKERFILE);
    client = await LspTestClient.start({ rootUri: pathToFileURL(workspace).href });
  });
  after(() => {
    client?.kill();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function copiesSecretsActions(...parts: string[]): Promise<CodeAction[]> {
    const published = await client.open(uri(...parts), 'dockerfile', DOCKERFILE);
    const copies = published.diagnostics.filter((d) => d.code === 'docker/copies-secrets');
    assert.equal(copies.length, 1, JSON.stringify(published.diagnostics));
    return client.codeActions(uri(...parts), copies);
  }

  it('offers the .dockerignore fix in a plain folder (the control)', async () => {
    const actions = await copiesSecretsActions('plain', 'Dockerfile');
    assert.ok(allTargets(actions).includes(uri('plain', '.dockerignore')), actions.map((a) => a.title).join(', '));
  });

  it('offers no edit of a .dockerignore that links outside the workspace, and reads nothing of it', async () => {
    const actions = await copiesSecretsActions('outward', 'Dockerfile');
    // The ignore comment edits the Dockerfile itself, "disable" the project's configuration file.
    const allowed = new Set([uri('outward', 'Dockerfile'), uri('.blah-security.json')]);
    assert.deepEqual(
      allTargets(actions).filter((t) => !allowed.has(t)),
      [],
      'no action edits the link',
    );
    assert.ok(!actions.some((a) => a.title.startsWith('Add .env')), actions.map((a) => a.title).join(', '));
    const shown = JSON.stringify(actions);
    assert.doesNotMatch(shown, /alias|PATH/, "nothing of the link's target is shown");
    assert.equal(readFileSync(profile, 'utf8'), PROFILE_TEXT);
  });

  it('offers no edit of a .dockerignore that is a link inside the workspace either', async () => {
    const actions = await copiesSecretsActions('inward', 'Dockerfile');
    assert.ok(!allTargets(actions).includes(uri('inward', '.dockerignore')));
  });

  it('creates no .dockerignore inside a folder that is a link to another place', async () => {
    const actions = await copiesSecretsActions('elsewhere', 'Dockerfile');
    assert.ok(!allTargets(actions).some((t) => t.includes('/elsewhere/.dockerignore')));
  });
});

describe('forged diagnostics sent back by a client', () => {
  let client: LspTestClient;
  const file = 'file:///virtual/forged/server.ts';
  const text = [
    'export function f(): void {',
    '  // blah-security-ignore-next-line ts/sql-injektion',
    '  console.log(1);',
    '}',
    '',
  ].join('\n');
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client?.kill());

  const range = { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } };

  it("rebuilds a repair from the server's own analysis: forged edits in the data are not used", async () => {
    const published = await client.open(file, 'typescript', text);
    const unknown = published.diagnostics.find((d) => /Unknown rule/.test(String(d.message)));
    assert.ok(unknown, JSON.stringify(published.diagnostics));
    // The genuine diagnostic gets the genuine repair.
    const genuine = await client.codeActions(file, [unknown]);
    assert.deepEqual(
      genuine.map((a) => a.title),
      ['Replace with ts/sql-injection'],
    );
    // The same diagnostic with an edit of the attacker's in its data gets the server's edit, or none.
    const forgedEdit = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      newText: 'evil();\n',
    };
    const forged: Diagnostic = {
      ...unknown,
      data: { ...(unknown.data as object), fix: { title: 'Replace', edits: [forgedEdit] } },
    };
    const actions = await client.codeActions(file, [forged]);
    assert.deepEqual(JSON.stringify(actions.map((a) => a.edit)), JSON.stringify(genuine.map((a) => a.edit)));
    assert.doesNotMatch(JSON.stringify(actions.map((a) => a.edit)), /evil/);
    // A repair key at a place where the server reports nothing gets no action.
    const moved: Diagnostic = { ...unknown, range };
    assert.deepEqual(await client.codeActions(file, [moved]), []);
  });

  it('offers nothing for a diagnostic whose code is not a rule id (a newline, a path)', async () => {
    await client.open(file, 'typescript', text);
    for (const code of [
      'ts/sql-injection\nevil();',
      ['..', '..', '..', '..', 'root', '.bashrc'].join('/'),
      'no/such-rule',
    ]) {
      const diagnostic: Diagnostic = {
        range,
        message: 'forged',
        source: 'BLAH Security',
        code,
        data: { ruleId: code, version: 1 },
      };
      const actions = await client.codeActions(file, [diagnostic]);
      assert.deepEqual(actions, [], `code ${JSON.stringify(code)}: ${JSON.stringify(actions)}`);
    }
  });

  it('offers nothing for a range outside the document', async () => {
    await client.open(file, 'typescript', text);
    for (const bad of [
      { start: { line: 999, character: 0 }, end: { line: 999, character: 1 } },
      { start: { line: -1, character: 0 }, end: { line: 0, character: 1 } },
      { start: { line: 2, character: 5 }, end: { line: 1, character: 0 } },
      { start: { line: 0.5, character: 0 }, end: { line: 1, character: 0 } },
    ]) {
      const diagnostic: Diagnostic = {
        range: bad,
        message: 'forged',
        source: 'BLAH Security',
        code: 'ts/sql-injection',
        data: { ruleId: 'ts/sql-injection', version: 1 },
      };
      assert.deepEqual(await client.codeActions(file, [diagnostic]), [], JSON.stringify(bad));
    }
  });

  it('writes no configuration file outside the workspace from a forged project-config repair', async () => {
    const config = 'file:///virtual/forged/.blah-security.json';
    const published = await client.open(config, 'jsonc', '{ "rules": { "ts/sql-injektion": "off" } }\n');
    const problem = published.diagnostics[0];
    assert.ok(problem);
    const forged: Diagnostic = {
      ...problem,
      data: {
        ...(problem.data as object),
        fix: { title: 'x', edits: [{ range: problem.range, newText: '"__proto__"' }] },
      },
    };
    const actions = await client.codeActions(config, [forged]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Replace with ts/sql-injection'],
    );
    assert.doesNotMatch(JSON.stringify(actions.map((a) => a.edit)), /__proto__/);
    // The same key on a TypeScript document (where no configuration problem can be) gets nothing.
    assert.deepEqual(await client.codeActions(file, [{ ...forged, range }]), []);
  });
});
