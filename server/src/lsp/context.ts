// What every feature of the language server shares: the connection, the open documents, the
// runtime's host, what the client said it can do at `initialize`, and the workspace folders.
import { ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DOCS_BASE_URL, docsUrl } from '../core/docs';
import type { RuleBase } from '../core/rule';
import { languageOf } from '../engine/analyze';
import { languageByName } from '../engine/detect';
import type { Analyzer } from '../host/analysisJob';
import type { EntryType } from '../host/workspaceWalk';
import { isInside, uriPath } from './uris';

/** What the runtime provides: reading files that are not open in the editor. */
export interface ServerHost {
  /**
   * The text of a file, or undefined when it does not exist, cannot be read, is not a regular
   * file or has more than `maxBytes` bytes (a host may read less than asked: Node reads 16 MB at most).
   */
  readFile(uri: string, maxBytes?: number): Promise<string | undefined>;
  /**
   * Where a URI leads once symbolic links are followed (undefined when it leads nowhere): a
   * companion file is read only if that lies in the workspace folder too. Without it (a browser),
   * URIs are taken as they are.
   */
  realUri?(uri: string): Promise<string | undefined>;
  /**
   * Whether configuration may be read from a folder above a file outside every workspace folder:
   * the folder is the user's (or root's) and no one else may write it. Without it, every folder is.
   */
  trustedFolder?(uri: string): Promise<boolean>;
  /** Entries of a folder (throws when unreadable); without it there is no workspace scan. */
  readDirectory?(uri: string): Promise<Array<{ name: string; type: EntryType }>>;
  /** Where analysis runs; a worker with a watchdog on node, in process otherwise. */
  analyze?: Analyzer;
  /**
   * The URI of the folder the rule pages ship in (`<base>docs/rules/<id>.md`), ending in `/`:
   * the installed package's own copy. Without it (and without the client's `docsBaseUrl`),
   * diagnostics link to the repository.
   */
  docsBase?: string;
}

export interface ServerOptions {
  /** Delay after the last change before analysis (ms). */
  debounceMs?: number;
}

/** The optional client capabilities the server uses, as declared at `initialize`. */
export interface ClientFeatures {
  configuration: boolean;
  configurationRegistration: boolean;
  watchedFilesRegistration: boolean;
  createFile: boolean;
  progress: boolean;
  /** `window/showDocument` (LSP 3.16). */
  showDocument: boolean;
  /** Snippet text edits in workspace edits (LSP 3.18), with `documentChanges`. */
  snippetEdits: boolean;
  /** `blahSecurity/replaceRuleSetting` (initializationOptions.replaceRuleSetting). */
  replaceRuleSetting: boolean;
}

export class ServerContext {
  readonly client: ClientFeatures = {
    configuration: false,
    configurationRegistration: false,
    watchedFilesRegistration: false,
    createFile: false,
    progress: false,
    showDocument: false,
    snippetEdits: false,
    replaceRuleSetting: false,
  };
  /** Workspace folder URIs, without a trailing slash. */
  workspaceFolders: string[] = [];
  /** Delay after the last change before analysis (ms); the client may set it at `initialize`. */
  debounceMs: number;
  /** Where rule pages are (`<docsBase>docs/rules/<id>.md`); the client may set it at `initialize`. */
  docsBase: string;
  private readonly refusedFeatures = new Set<string>();

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly host: ServerHost,
    options: ServerOptions,
  ) {
    this.debounceMs = options.debounceMs ?? 200;
    this.docsBase = host.docsBase ?? DOCS_BASE_URL;
  }

  /** The address of a rule's page, for `codeDescription`, hovers and "Show documentation". */
  docsHref(rule: Pick<RuleBase, 'id'>): string {
    return docsUrl(rule, this.docsBase);
  }

  /**
   * A client request that failed (a refused registration, an unanswered progress request): the
   * server carries on without that feature and says so once. A client is free to refuse.
   */
  refused(feature: string, error: unknown, instead?: string): void {
    if (this.refusedFeatures.has(feature)) return;
    this.refusedFeatures.add(feature);
    const reason =
      error instanceof ResponseError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    this.connection.console.warn(
      `${feature} is not available from this client (${reason.slice(0, 200)}); carrying on without it${instead ? `: ${instead}` : ''}.`,
    );
  }

  hasRefused(feature: string): boolean {
    return this.refusedFeatures.has(feature);
  }

  /** The innermost workspace folder holding a URI. */
  folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.workspaceFolders)
      if (isInside(uri, folder) && (!best || folder.length > best.length)) best = folder;
    return best;
  }

  /** An open document's text, else the file's from the host; undefined when unreadable. */
  async readText(uri: string, maxBytes?: number): Promise<string | undefined> {
    const open = this.documents.get(uri);
    if (open) return open.getText();
    try {
      return await this.host.readFile(uri, maxBytes);
    } catch {
      return undefined;
    }
  }
}

/**
 * The client's language id for a document, unless the file's name makes another of our languages
 * certain: some clients send one id for every document of a server (Eglot 1.9 sends the id of the
 * buffer that started it), and a Dockerfile called "typescript" would go unanalyzed. An id the name
 * does not contradict still decides (an editor's association of a `*.conf` or a template).
 */
export function clientLanguageId(document: TextDocument): string | undefined {
  const path = uriPath(document.uri);
  const byName = languageByName(path);
  if (byName?.certain && languageOf(path, document.languageId) !== byName.language) return undefined;
  return document.languageId;
}
