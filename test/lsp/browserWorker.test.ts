// The web server bundle (dist/web/server.js) run the way VS Code for the Web runs it: a classic
// script in a worker, whose globals are the browser's and none of Node's (no Buffer, process,
// require, global, setImmediate). The node tests cannot see a dependency that leans on a Node
// global: in the browser its language is "could not be analyzed" and the checklist undercounts.
// Property: in such a worker every language is analyzed, opened or found by the workspace scan,
// and the checklist comes out as the node server decides it for the same folder.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createContext, Script, type Context } from 'node:vm';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import {
  CHECKLIST_REQUEST,
  READ_DIRECTORY_REQUEST,
  READ_FILE_REQUEST,
  type ChecklistPayload,
  type DirectoryEntry,
} from '../../server/src/protocol';
import { browserBufferFrom } from '../../server/src/main/browserBuffer';
import { LspTestClient, messageText } from '../helpers/lspClient';

const repo = join(__dirname, '..', '..');
const bundle = join(repo, 'dist', 'web', 'server.js');
const example = join(repo, 'examples', 'insecure-mcp-server');
/** The example as the editor's file system shows it to a web extension: not a `file:` URI. */
const root = 'memfs:/insecure-mcp-server';
/** Node's globals that a browser worker lacks. */
const nodeOnly = [
  'Buffer',
  'process',
  'require',
  'module',
  'exports',
  'global',
  '__dirname',
  '__filename',
  'setImmediate',
  'clearImmediate',
];

type Listener = (event: { data: unknown }) => void;

/** Timers as a browser has them: numeric handles, nothing to unref. All are cancelled at the end. */
function browserTimers(): { globals: Record<string, unknown>; clearAll(): void } {
  const handles = new Map<number, { timer: NodeJS.Timeout; repeat: boolean }>();
  let next = 1;
  const start =
    (repeat: boolean) =>
    (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number => {
      const id = next++;
      const run = (): void => {
        if (!repeat) handles.delete(id);
        callback(...args);
      };
      handles.set(id, { timer: repeat ? setInterval(run, ms) : setTimeout(run, ms), repeat });
      return id;
    };
  const stop = (id?: number): void => {
    const handle = id === undefined ? undefined : handles.get(id);
    if (id === undefined || !handle) return;
    if (handle.repeat) clearInterval(handle.timer);
    else clearTimeout(handle.timer);
    handles.delete(id);
  };
  return {
    globals: { setTimeout: start(false), setInterval: start(true), clearTimeout: stop, clearInterval: stop },
    clearAll: () => [...handles.keys()].forEach(stop),
  };
}

/** A dedicated worker's scope around the bundle: its messages go to `toClient`, `deliver` posts to it. */
class BrowserWorker {
  readonly context: Context;
  readonly consoleLines: string[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly timers = browserTimers();
  private readonly parseInWorker: (text: string) => unknown;

  constructor(toClient: (message: Message) => void) {
    const log = (...args: unknown[]): void => void this.consoleLines.push(args.map(String).join(' '));
    const scope: Record<string, unknown> = {
      ...this.timers.globals,
      console: { log, info: log, warn: log, error: log, debug: log, trace: log },
      queueMicrotask,
      structuredClone,
      TextEncoder,
      TextDecoder,
      URL,
      URLSearchParams,
      AbortController,
      AbortSignal,
      Event,
      EventTarget,
      atob,
      btoa,
      performance,
      crypto: globalThis.crypto,
      onmessage: null,
      // Messages leave the worker as a structured clone: a copy in the client's realm.
      postMessage: (message: unknown) => toClient(JSON.parse(JSON.stringify(message)) as Message),
      addEventListener: (type: string, listener: Listener) =>
        void (this.listeners.get(type) ?? this.listeners.set(type, new Set()).get(type)!).add(listener),
      removeEventListener: (type: string, listener: Listener) => void this.listeners.get(type)?.delete(listener),
      close: () => undefined,
    };
    this.context = createContext(scope, { name: 'web worker' });
    new Script('globalThis.self = globalThis;').runInContext(this.context);
    // Messages arrive as objects of the worker's own realm, as a clone would make them.
    this.parseInWorker = new Script('(text) => JSON.parse(text)').runInContext(this.context) as (
      text: string,
    ) => unknown;
  }

  typeOf(name: string): string {
    return new Script(`typeof ${name}`).runInContext(this.context) as string;
  }

  load(path: string): void {
    new Script(readFileSync(path, 'utf8'), { filename: path }).runInContext(this.context);
  }

  deliver(message: Message): void {
    const event = { data: this.parseInWorker(JSON.stringify(message)) };
    const onmessage = (this.context as { onmessage?: Listener | null }).onmessage;
    onmessage?.(event);
    for (const listener of this.listeners.get('message') ?? []) listener(event);
  }

  terminate(): void {
    this.timers.clearAll();
  }
}

class WorkerReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
  receive(message: Message): void {
    this.callback?.(message);
  }
}

class WorkerWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly worker: () => BrowserWorker) {
    super();
  }
  write(message: Message): Promise<void> {
    this.worker().deliver(message);
    return Promise.resolve();
  }
  end(): void {}
}

/** The example folder through the client's file-system requests, as the web extension answers them. */
function pathOf(uri: string): string | undefined {
  if (uri !== root && !uri.startsWith(`${root}/`)) return undefined;
  const path = join(
    example,
    ...decodeURIComponent(uri.slice(root.length))
      .split('/')
      .filter((s) => s !== ''),
  );
  return path === example || path.startsWith(example + sep) ? path : undefined;
}

describe('the web server bundle in a browser worker', () => {
  let worker: BrowserWorker;
  let connection: MessageConnection;
  const published = new Map<string, PublishDiagnosticsParams>();
  const waiters: Array<{ uri: string; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  const logs: string[] = [];

  function diagnosticsFor(uri: string, timeoutMs = 30000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no diagnostics for ${uri} within ${timeoutMs} ms; worker console: ${worker.consoleLines.join('\n')}`,
            ),
          ),
        timeoutMs,
      );
      waiters.push({ uri, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  before(async () => {
    assert.ok(existsSync(bundle), 'dist/web/server.js is built (node esbuild.mjs)');
    const reader = new WorkerReader();
    worker = new BrowserWorker((message) => reader.receive(message));
    connection = createMessageConnection(reader, new WorkerWriter(() => worker));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.set(params.uri, params);
      for (const waiter of waiters.splice(0)) {
        if (waiter.uri === params.uri) waiter.resolve(params);
        else waiters.push(waiter);
      }
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => ({ enable: true, rules: {} })),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest(READ_FILE_REQUEST, ({ uri }: { uri: string }) => {
      const path = pathOf(uri);
      return path && existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : null;
    });
    connection.onRequest(READ_DIRECTORY_REQUEST, ({ uri }: { uri: string }) => {
      const path = pathOf(uri);
      if (!path || !existsSync(path) || !statSync(path).isDirectory()) return null;
      return readdirSync(path, { withFileTypes: true }).map((e): DirectoryEntry => ({
        name: e.name,
        type: e.isDirectory() ? 'directory' : e.isFile() ? 'file' : e.isSymbolicLink() ? 'symlink' : 'other',
      }));
    });
    connection.listen();
    worker.load(bundle);
    await connection.sendRequest('initialize', {
      processId: null,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'insecure-mcp-server' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    connection.sendNotification('initialized', {});
  });

  after(() => {
    connection?.dispose();
    worker?.terminate();
  });

  it('runs in a scope without Node globals, and defines none of them', () => {
    assert.deepEqual(
      nodeOnly.filter((name) => worker.typeOf(name) !== 'undefined'),
      [],
    );
    assert.equal(worker.typeOf('self.postMessage'), 'function');
  });

  for (const [name, languageId, rule] of [
    ['Dockerfile', 'dockerfile', 'docker/'],
    ['nginx.conf', 'nginx', 'nginx/'],
    ['src/db.ts', 'typescript', 'ts/sql-injection'],
  ] as const) {
    it(`analyzes an opened ${languageId} file`, async () => {
      const uri = `${root}/${name}`;
      const text = readFileSync(join(example, ...name.split('/')), 'utf8');
      const arrived = diagnosticsFor(uri);
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      let result = await arrived;
      // The workspace scan may publish the file before the opened version's result: wait for that one.
      while (result.version !== 1) result = await diagnosticsFor(uri);
      const messages = result.diagnostics.map(messageText);
      assert.deepEqual(
        messages.filter((m) => m.includes('did not analyze')),
        [],
      );
      assert.ok(
        result.diagnostics.some((d) => String(d.code).startsWith(rule)),
        `${name}: ${result.diagnostics.map((d) => d.code).join(', ')}`,
      );
    });
  }

  it('reads a Dockerfile that starts with a byte order mark as the same instructions', async () => {
    const text = readFileSync(join(example, 'Dockerfile'), 'utf8');
    const open = async (uri: string, content: string): Promise<string[]> => {
      const arrived = diagnosticsFor(uri);
      connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: content },
      });
      return (await arrived).diagnostics.map((d) => `${d.range.start.line} ${String(d.code)}`).sort();
    };
    const plain = await open('memfs:/scratch/plain/Dockerfile', text);
    // The parser skips the mark only if its test of the first character's UTF-8 bytes works.
    assert.deepEqual(await open('memfs:/scratch/bom/Dockerfile', `\uFEFF${text}`), plain);
    assert.ok(
      plain.some((d) => d.startsWith('0 docker/')),
      `a finding on the FROM line: ${plain.join(', ')}`,
    );
  });

  it('decides the checklist the node server decides for the example: no file type left out', async () => {
    const web = await settledChecklist(connection);
    const skipped = [...published.values()].flatMap((p) =>
      p.diagnostics
        .map(messageText)
        .filter((m) => m.includes('did not analyze'))
        .map((m) => `${p.uri}: ${m}`),
    );
    assert.deepEqual(skipped, []);
    assert.deepEqual(
      logs.filter((l) => /could not be analyzed|ReferenceError|is not defined/.test(l)),
      [],
    );
    const node = await LspTestClient.start({ rootUri: pathToFileURL(example).href });
    try {
      const decided = await settledChecklist(node.connection);
      const expected = checklistLines(decided, pathToFileURL(example).href);
      assert.ok(
        expected.some((line) => line.includes(' Dockerfile docker/')),
        'the node server counts the Dockerfile',
      );
      assert.deepEqual(checklistLines(web, root), expected);
      assert.equal(web.analyzedFiles, decided.analyzedFiles, 'files analyzed');
    } finally {
      await node.shutdown();
    }
  });
});

/** The checklist once the workspace scan is done. */
async function settledChecklist(connection: MessageConnection): Promise<ChecklistPayload> {
  let checklist: ChecklistPayload = await connection.sendRequest(CHECKLIST_REQUEST);
  for (let i = 0; checklist.scanning && i < 300; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    checklist = await connection.sendRequest(CHECKLIST_REQUEST);
  }
  assert.equal(checklist.scanning, false, 'the workspace scan finished');
  return checklist;
}

/** Each item's status and findings in the folder, by path relative to it (other open documents left out). */
function checklistLines(checklist: ChecklistPayload, folder: string): string[] {
  return checklist.items.flatMap((item) => [
    `${item.id}: ${item.status}`,
    ...item.findings
      .filter((f) => f.uri.startsWith(`${folder}/`))
      .map(
        (f) =>
          `${item.id}: ${decodeURIComponent(f.uri.slice(folder.length + 1))} ${f.ruleId} ${f.range.start.line}:${f.range.start.character}`,
      )
      .sort(),
  ]);
}

describe('the Buffer.from stand-in of the web server bundle', () => {
  it('gives the UTF-8 bytes Node gives, for every UTF-16 code unit and for surrogate pairs', () => {
    const differing: string[] = [];
    const samples = [
      '',
      'FROM',
      '\uFEFF',
      'é',
      '€',
      '😀',
      'a\uD83D',
      '\uDE00b',
      '\uDE00\uD83D',
      `x${String.fromCodePoint(0x10ffff)}y`,
    ];
    for (let unit = 0; unit <= 0xffff; unit++) samples.push(String.fromCharCode(unit));
    for (const sample of samples) {
      const expected = [...Buffer.from(sample, 'utf8')];
      for (const encoding of ['UTF-8', 'utf8', undefined]) {
        if (JSON.stringify([...browserBufferFrom(sample, encoding)]) !== JSON.stringify(expected))
          differing.push(`${JSON.stringify(sample)} (${encoding})`);
      }
    }
    assert.deepEqual(differing.slice(0, 10), []);
  });

  it('refuses what it does not implement, by name', () => {
    assert.throws(
      () => browserBufferFrom('aGk=', 'base64'),
      /Buffer\.from\(string, base64\) is not available in the browser build/,
    );
    assert.throws(() => browserBufferFrom([1, 2]), /Buffer\.from\(object, utf8\)/);
  });
});
