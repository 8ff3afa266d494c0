// "Why it fired": a finding's related places in the editor (LSP relatedInformation) and its
// hover, which lists them as links and leaves the message to the diagnostic shown above it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspTestClient, messageText } from '../helpers/lspClient';

const folderUri = (path: string): string => pathToFileURL(path).href.replace(/\/$/, '');

const TOOL = `import { exec } from 'node:child_process';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
const server = new McpServer({ name: 'files', version: '1.0.0' });
server.tool('list', { dir: z.string() }, async ({ dir }) => {
  const command = \`ls -la \${dir}\`;
  exec(command);
  return { content: [] };
});
`;

const HTTP = `import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
const app = express();
app.use(express.json());
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);
`;

const DOCKERFILE = `FROM node:20 AS build
WORKDIR /app
RUN npm ci
FROM node:20-slim
COPY --from=build /app /app
USER root
CMD ["node", "/app/server.js"]
`;

function related(diagnostic: Diagnostic): Array<{ uri: string; line: number; message: string }> {
  return (diagnostic.relatedInformation ?? []).map((r) => ({
    uri: r.location.uri,
    line: r.location.range.start.line,
    message: r.message,
  }));
}

describe('related places of single-file findings', () => {
  let folder: string;
  let root: string;
  let client: LspTestClient;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'blah-related-'));
    root = folderUri(folder);
    writeFileSync(join(folder, 'package.json'), '{ "name": "related", "version": "1.0.0" }\n');
    client = await LspTestClient.start({ rootUri: root });
  });
  after(() => {
    client.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The diagnostics of `uri` once the workspace recomputed (own related places must survive it). */
  async function settled(uri: string): Promise<Diagnostic[]> {
    await client.connection.sendRequest('blahSecurity/checklist');
    const last = [...client.published].reverse().find((p) => p.uri === uri);
    assert.ok(last, `diagnostics for ${uri}`);
    return last.diagnostics;
  }

  it('points a tool argument → exec flow at the tool argument, in the same document', async () => {
    const uri = `${root}/src/tool.ts`;
    const opened = await client.open(uri, 'typescript', TOOL);
    const finding = opened.diagnostics.find((d) => d.code === 'ts/command-injection');
    assert.ok(finding, opened.diagnostics.map((d) => d.code).join(', '));
    assert.equal(finding.range.start.line, 6);
    assert.deepEqual(related(finding), [{ uri, line: 4, message: "source: an MCP tool argument ('{ dir }')" }]);
    const after = (await settled(uri)).find((d) => d.code === 'ts/command-injection');
    assert.deepEqual(after && related(after), related(finding), 'the workspace keeps them as they are');
  });

  it("points an MCP HTTP app's findings at the listen call that makes it reachable", async () => {
    const uri = `${root}/src/http.ts`;
    await client.open(uri, 'typescript', HTTP);
    const diagnostics = await settled(uri);
    const listen = { uri, line: 8, message: 'the app listens here, on port 3000' };
    for (const ruleId of ['mcp/http-transport-without-auth', 'mcp/dns-rebinding']) {
      const finding = diagnostics.find((d) => d.code === ruleId);
      assert.ok(finding, `${ruleId} among ${diagnostics.map((d) => d.code).join(', ')}`);
      assert.deepEqual(related(finding), [listen], ruleId);
    }
    // Findings about the app itself (reported where it is created) name the same call.
    const auth = diagnostics.find((d) => d.code === 'ts/missing-auth');
    assert.ok(auth);
    assert.deepEqual(related(auth), [listen]);
  });

  it("points docker/root-user at the final stage's FROM and the CMD it starts with", async () => {
    const uri = `${root}/Dockerfile`;
    const opened = await client.open(uri, 'dockerfile', DOCKERFILE);
    const finding = opened.diagnostics.find((d) => d.code === 'docker/root-user');
    assert.ok(finding, opened.diagnostics.map((d) => d.code).join(', '));
    assert.equal(finding.range.start.line, 5, 'at USER root');
    assert.deepEqual(related(finding), [
      { uri, line: 3, message: 'the final stage starts here' },
      { uri, line: 6, message: 'the container starts as root with this CMD' },
    ]);
  });

  it('hovers with the path as links and without the message shown above it', async () => {
    const uri = `${root}/src/hover.ts`;
    const opened = await client.open(uri, 'typescript', TOOL);
    const finding = opened.diagnostics.find((d) => d.code === 'ts/command-injection');
    assert.ok(finding);
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: finding.range.start,
    });
    assert.ok(hover);
    const value = (hover.contents as { value: string }).value;
    assert.ok(!value.includes(messageText(finding)), value);
    assert.match(value, /^\*\*Shell command built from non-constant values\*\* · `ts\/command-injection` · error/);
    assert.ok(
      value.includes(
        [
          '**Path:**',
          '',
          `- [src/hover.ts:5](${uri}#L5) source: an MCP tool argument ('{ dir }')`,
          `- [src/hover.ts:7](${uri}#L7) here`,
        ].join('\n'),
      ),
      value,
    );
    assert.match(value, /\*\*Why:\*\*/);
    assert.match(value, /\*\*Fix:\*\*/);
  });
});
