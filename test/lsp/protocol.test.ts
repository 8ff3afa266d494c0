// The server under protocol abuse, over raw stdio: malformed JSON, unknown methods,
// cancellation, a client that disappears; and a soak of 20,000 edits.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient, serverPath } from '../helpers/lspClient';

/** A bare stdio peer that can send anything, even bytes that are not JSON. */
class RawPeer {
  readonly child: ChildProcess;
  private buffer = '';
  readonly stderr: string[] = [];
  private waiters: Array<{ id: number; resolve: (m: Record<string, unknown>) => void }> = [];

  constructor() {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.child.stdout!.on('data', (d: Buffer) => {
      this.buffer += d.toString('utf8');
      for (;;) {
        const header = /^Content-Length: (\d+)\r\n\r\n/.exec(this.buffer);
        if (!header || this.buffer.length < header[0].length + Number(header[1])) break;
        const body = this.buffer.slice(header[0].length, header[0].length + Number(header[1]));
        this.buffer = this.buffer.slice(header[0].length + Number(header[1]));
        const message = JSON.parse(body) as Record<string, unknown>;
        this.waiters = this.waiters.filter((w) => (w.id === message.id ? (w.resolve(message), false) : true));
      }
    });
  }

  send(message: object | string): void {
    const text = typeof message === 'string' ? message : JSON.stringify({ jsonrpc: '2.0', ...message });
    this.child.stdin!.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  }

  request(id: number, method: string, params: unknown): Promise<Record<string, unknown>> {
    const answer = new Promise<Record<string, unknown>>((resolve) => this.waiters.push({ id, resolve }));
    this.send({ id, method, params });
    return answer;
  }

  async initialize(): Promise<void> {
    await this.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
    this.send({ method: 'initialized', params: {} });
  }
}

describe('protocol robustness', () => {
  it('logs and skips malformed JSON, answers unknown methods with MethodNotFound, and keeps serving', async () => {
    const peer = new RawPeer();
    try {
      await peer.initialize();
      peer.send('{"jsonrpc": "2.0", "id": 99, "method": ');
      const unknown = await peer.request(2, 'blahSecurity/doesNotExist', {});
      assert.equal((unknown.error as { code: number }).code, -32601);
      const hover = await peer.request(3, 'textDocument/hover', {
        textDocument: { uri: 'file:///none.ts' },
        position: { line: 0, character: 0 },
      });
      assert.equal(hover.result, null);
      assert.match(peer.stderr.join(''), /ignored a malformed message \(SyntaxError\)/);
      assert.ok(!peer.stderr.join('').includes('"method"'), 'the log does not quote the message');
    } finally {
      peer.child.kill();
    }
  });

  it('honours $/cancelRequest and keeps answering', async () => {
    const client = await LspTestClient.start();
    try {
      const uri = 'file:///virtual/cancel.ts';
      const published = await client.open(uri, 'typescript', "const password = 'SuperSecret123!';\n");
      // The client sends $/cancelRequest with the request's id when the token is cancelled.
      const source = new CancellationTokenSource();
      const answer = new Promise<unknown>((resolve) => {
        client.connection
          .sendRequest(
            'textDocument/codeAction',
            {
              textDocument: { uri },
              range: published.diagnostics[0].range,
              context: { diagnostics: published.diagnostics },
            },
            source.token,
          )
          .then(
            (result) => resolve({ result }),
            (error: { code: number }) => resolve({ code: error.code }),
          );
      });
      source.cancel();
      const outcome = (await answer) as { result?: unknown; code?: number };
      assert.ok(outcome.result !== undefined || outcome.code === -32800, JSON.stringify(outcome));
      const hover = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 20 },
      });
      assert.ok(hover, 'still answering after a cancellation');
    } finally {
      client.kill();
    }
  });

  // A server that spins instead of exiting fails by the test's timeout.
  it('exits when the client disappears instead of spinning', { timeout: 60000 }, async (t) => {
    const peer = new RawPeer();
    await peer.initialize();
    const exited = new Promise<number | null>((resolve) => peer.child.once('exit', (code) => resolve(code)));
    const started = performance.now();
    peer.child.stdin!.end();
    const code = await exited;
    t.diagnostic(`exited ${(performance.now() - started).toFixed(0)} ms after its input closed`);
    assert.ok(code === 0 || code === 1);
  });
});

describe('soak', () => {
  it('the engine keeps no memory across 20,000 analyses (heap after forced GC)', { timeout: 300000 }, () => {
    const script = join(__dirname, 'fixtures', 'heap-after-gc.ts');
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
      encoding: 'utf8',
      cwd: join(__dirname, '..', '..'),
    });
    assert.equal(result.status, 0, result.stderr);
    const [first, last] = result.stdout.trim().split(' ').map(Number);
    console.log(`# heap after GC: ${first.toFixed(1)} MB after 5,000 analyses, ${last.toFixed(1)} MB after 20,000`);
    assert.ok(last <= first * 1.05, `heap grew from ${first} to ${last} MB`);
  });

  it('20,000 edits to one document keep memory flat', { timeout: 600000 }, async () => {
    const client = await LspTestClient.start({ initializationOptions: { debounceMs: 0 } });
    const rss = (): number =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${client.process.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    try {
      const uri = 'file:///virtual/soak.ts';
      const lines = readFileSync(`${__dirname}/../../examples/insecure-mcp-server/src/server.ts`, 'utf8')
        .split('\n')
        .slice(0, 60);
      await client.open(uri, 'typescript', lines.join('\n'));
      let afterFirstThousand = 0;
      const started = Date.now();
      for (let i = 1; i <= 20000; i++) {
        const line = 5 + (i % 50);
        // Insert a character, then delete it on the next edit: the text stays realistic.
        const change =
          i % 2 === 1
            ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }
            : {
                range: {
                  start: { line: 5 + ((i - 1) % 50), character: 0 },
                  end: { line: 5 + ((i - 1) % 50), character: 1 },
                },
                text: '',
              };
        // Wait for diagnostics every 10th edit so the server really analyzes along the way.
        if (i % 10 === 0) await client.change(uri, [change]);
        else {
          const document = client.documents.get(uri)!;
          client.documents.set(uri, TextDocument.update(document, [change], document.version + 1));
          client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: document.version + 1 },
            contentChanges: [change],
          });
        }
        if (i === 1000) afterFirstThousand = rss();
      }
      const final = rss();
      console.log(
        `# soak: 20,000 edits in ${((Date.now() - started) / 1000).toFixed(1)} s; RSS after 1,000 edits ${afterFirstThousand.toFixed(1)} MB, after 20,000 ${final.toFixed(1)} MB (${(((final - afterFirstThousand) / afterFirstThousand) * 100).toFixed(1)}%)`,
      );
      // V8 grows its heap lazily when it may (two isolates here: the server and its analysis
      // worker), so RSS rises for a while without a leak and then plateaus. That rise is about the
      // same in megabytes whatever the start: over 60,000 edits +65 MB from 182 MB (before the
      // start-up work of December 2026) and +68 MB from 122 MB (after), flat from 40,000 on. So
      // the bound is 35% or 64 MB, whichever is more; the heap-after-GC check above is the strict one.
      const allowed = Math.max(afterFirstThousand * 0.35, 64);
      assert.ok(
        final - afterFirstThousand <= allowed,
        `RSS grew from ${afterFirstThousand.toFixed(1)} to ${final.toFixed(1)} MB (allowed +${allowed.toFixed(0)} MB)`,
      );
    } finally {
      client.kill();
    }
  });
});
