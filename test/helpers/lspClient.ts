// A real JSON-RPC client for the built server (dist/server.js --stdio), for LSP tests and the bench.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  ErrorCodes,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  PublishDiagnosticsParams,
  Registration,
  RegistrationParams,
  TextDocumentContentChangeEvent,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** A diagnostic's message as text (LSP 3.18 allows markup). */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export const serverPath = join(__dirname, '..', '..', 'dist', 'server.js');

export interface StartOptions {
  rootUri?: string;
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** The server process's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Answer every request of the server (registrations, configuration, progress) with an error, as a strict client may. */
  refuseServerRequests?: boolean;
  /** Judges each registration the server asks for; throwing refuses the request with the error's message (default: accept). */
  onRegister?: (registration: Registration) => void;
}

const defaultCapabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    hover: { contentFormat: ['markdown'] },
  },
};

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  /** The server's log messages (window/logMessage) and chunks of its stderr, as they came. */
  readonly logs: string[] = [];
  /** Everything the server process (and its analysis worker) wrote to stderr. */
  stderr = '';
  private readonly logMessages: string[] = [];
  private logWaiters: Array<{ text: string; times: number; resolve: () => void }> = [];
  /** Methods of the server's requests that were refused (`refuseServerRequests`). */
  readonly refusedRequests: string[] = [];
  /** Every registration the server asked for, accepted or not. */
  readonly registrations: Registration[] = [];
  private waiters: Array<{
    test: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }> = [];
  readonly documents = new Map<string, TextDocument>();
  settings: Record<string, unknown>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
    refuse = false,
    onRegister?: (registration: Registration) => void,
  ) {
    this.settings = settings;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(params)) return true;
        w.resolve(params);
        return false;
      });
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.logMessages.push(params.message);
      this.notifyLogWaiters();
    });
    if (refuse) {
      // Every request the server makes fails, as Eglot 1.9 answers a registration it does not support.
      connection.onRequest((method: string) => {
        this.refusedRequests.push(method);
        return new ResponseError(ErrorCodes.InternalError, `${method} is not supported`);
      });
    } else {
      connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
        params.items.map(() => this.settings),
      );
      connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
        this.registrations.push(...params.registrations);
        try {
          for (const registration of params.registrations) onRegister?.(registration);
        } catch (error) {
          return new ResponseError(ErrorCodes.InternalError, error instanceof Error ? error.message : String(error));
        }
        return null;
      });
      connection.onRequest('workspace/workspaceFolders', () => null);
    }
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspTestClient(
      child,
      connection,
      { enable: true, rules: {}, ...(options.settings ?? {}) },
      options.refuseServerRequests,
      options.onRegister,
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      client.logs.push(chunk.toString());
      client.stderr += chunk.toString();
      client.notifyLogWaiters();
    });
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'root' }] : null,
      capabilities: options.capabilities ?? defaultCapabilities,
      initializationOptions: options.initializationOptions,
    });
    connection.sendNotification('initialized', {});
    return client;
  }

  waitForDiagnostics(
    uri: string,
    test: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10000,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        test: (p) => p.uri === uri && test(p),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /** How many times the server's log messages and its stderr contain `text`. */
  logged(text: string): number {
    return this.stderr.split(text).length - 1 + this.logMessages.reduce((n, m) => n + m.split(text).length - 1, 0);
  }

  /** Resolves once the server has logged `text` (a log message or on stderr) `times` times in all, at once if it has. */
  waitForLog(text: string, timeoutMs = 10000, times = 1): Promise<void> {
    if (this.logged(text) >= times) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${JSON.stringify(text)} not logged ${times} times within ${timeoutMs} ms; logs: ${this.logs.join('\n')}`,
            ),
          ),
        timeoutMs,
      );
      this.logWaiters.push({
        text,
        times,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private notifyLogWaiters(): void {
    this.logWaiters = this.logWaiters.filter((w) => {
      if (this.logged(w.text) < w.times) return true;
      w.resolve();
      return false;
    });
  }

  open(uri: string, languageId: string, text: string): Promise<PublishDiagnosticsParams> {
    const waiting = this.waitForDiagnostics(uri, (p) => p.version === 1 || p.version === undefined);
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return waiting;
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const document = this.documents.get(uri)!;
    const version = document.version + 1;
    const updated = TextDocument.update(document, changes, version);
    this.documents.set(uri, updated);
    const waiting = this.waitForDiagnostics(uri, (p) => p.version === version);
    this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return waiting;
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  /** Applies the edit to open documents; returns edits to other files as text per URI. */
  applyEdit(edit: WorkspaceEdit): Map<string, string> {
    const others = new Map<string, string>();
    const apply = (
      uri: string,
      edits: Array<{
        range: { start: { line: number; character: number }; end: { line: number; character: number } };
        newText: string;
      }>,
    ): void => {
      const document = this.documents.get(uri);
      if (document) {
        this.documents.set(
          uri,
          TextDocument.create(uri, document.languageId, document.version, TextDocument.applyEdits(document, edits)),
        );
      } else {
        const existing = TextDocument.create(uri, 'plaintext', 0, others.get(uri) ?? '');
        others.set(uri, TextDocument.applyEdits(existing, edits));
      }
    };
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
    for (const change of edit.documentChanges ?? []) {
      if ('edits' in change) apply(change.textDocument.uri, change.edits as never);
      else if (change.kind === 'create') others.set(change.uri, others.get(change.uri) ?? '');
    }
    return others;
  }

  /** Sends the whole new text as a change (after applying an edit locally). */
  async sync(uri: string): Promise<PublishDiagnosticsParams> {
    const document = this.documents.get(uri)!;
    const text = document.getText();
    this.documents.set(uri, TextDocument.create(uri, document.languageId, document.version, ''));
    return this.change(uri, [{ text }]);
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.process.kill();
  }
}
