// An MCP client configuration file, parsed once with jsonc-parser (the parser of our own
// configuration): which client reads it (from its path), where its servers are, and each server's
// launch (command, args), environment, headers and URL as string tokens with exact spans.
// VS Code's `.vscode/mcp.json` holds `{ "servers": {…}, "inputs": […] }`, its settings file an
// `"mcp": { "servers": … }` section; Claude Desktop, Claude Code, Cursor and Gemini CLI write
// `{ "mcpServers": {…} }`. Only those blocks are read: the rest of a settings file is not ours.
import { createScanner, findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { nestingDepthExceeds } from '../../core/config';
import { fileName } from '../../core/paths';
import type { LineIndex } from '../../core/text';

/** The client that reads a file, as its path tells. */
export type McpClient =
  /** `.vscode/mcp.json`: `${input:id}` and `${env:NAME}` are expanded. */
  | 'vscode'
  /** `.vscode/settings.json`, its `mcp` section: the same variables. */
  | 'vscode-settings'
  /** `.cursor/mcp.json`: `${env:NAME}` is expanded. */
  | 'cursor'
  /** `.mcp.json` (Claude Code, project scope): `${NAME}` is expanded. */
  | 'claude-code'
  /** `claude_desktop_config.json`: no variables are expanded. */
  | 'claude-desktop'
  /** `.gemini/settings.json`: `$NAME` and `${NAME}` are expanded in `env`. */
  | 'gemini'
  /** Any other `mcp.json`: the client is unknown. */
  | 'generic';

export interface Span {
  start: number;
  end: number;
}

/** A JSON string: its decoded value and the span of its token, quotes included. */
export interface StringToken extends Span {
  value: string;
}

/** A `"KEY": "value"` entry of an object of strings (`env`, `headers`). */
export interface StringEntry {
  key: StringToken;
  value: StringToken;
}

export interface McpServer {
  /** The server's name (its key in the servers object). */
  name: string;
  nameSpan: Span;
  /** The server's object. */
  node: Node;
  command?: StringToken;
  /** Every element of `args`, undefined where an element is not a string. */
  args: Array<StringToken | undefined>;
  env: StringEntry[];
  headers: StringEntry[];
  /** `url` (VS Code, Cursor, Claude), `serverUrl` (Windsurf) or `httpUrl` (Gemini CLI). */
  url?: StringToken;
  /** Where the server is listed: `["servers", name]`, `["mcp", "servers", name]`. */
  path: ReadonlyArray<string>;
}

/** Nesting deeper than any real configuration; jsonc-parser recurses per level. */
export const MAX_DEPTH = 64;

/** Which client reads the file at `path` (POSIX or Windows separators), undefined for other files. */
export function mcpClientOf(path: string): McpClient | undefined {
  const name = fileName(path);
  let restEnd = path.length - name.length;
  while (restEnd > 0 && (path[restEnd - 1] === '/' || path[restEnd - 1] === '\\')) restEnd--;
  const rest = path.slice(0, restEnd);
  const folder = fileName(rest);
  const lowerName = name.toLowerCase();
  if (lowerName === 'claude_desktop_config.json') return 'claude-desktop';
  if (lowerName === '.mcp.json') return 'claude-code';
  if (lowerName === 'mcp.json') return folder === '.vscode' ? 'vscode' : folder === '.cursor' ? 'cursor' : 'generic';
  if (lowerName === 'settings.json')
    return folder === '.vscode' ? 'vscode-settings' : folder === '.gemini' ? 'gemini' : undefined;
  return undefined;
}

function stringToken(node: Node | undefined): StringToken | undefined {
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return undefined;
  return { value: node.value, start: node.offset, end: node.offset + node.length };
}

function stringEntries(node: Node | undefined): StringEntry[] {
  if (!node || node.type !== 'object') return [];
  const entries: StringEntry[] = [];
  for (const property of node.children ?? []) {
    const key = stringToken(property.children?.[0]);
    const value = stringToken(property.children?.[1]);
    if (key && value) entries.push({ key, value });
  }
  return entries;
}

/** The value of property `key` of an object node (the last one, as clients read duplicates). */
export function propertyValue(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object') return undefined;
  let found: Node | undefined;
  for (const property of node.children ?? []) if (property.children?.[0]?.value === key) found = property.children[1];
  return found;
}

export class McpConfigModel {
  readonly client: McpClient;
  readonly root: Node | undefined;
  readonly servers: McpServer[] = [];
  /** The object that holds the servers (and where `inputs` belongs): [] for the root, ["mcp"] in VS Code settings. */
  readonly containerPath: ReadonlyArray<string>;
  /** Why the file was not read (nested too deep), if it was not. */
  readonly unread?: string;

  constructor(
    readonly text: string,
    readonly path: string,
    readonly lines: LineIndex,
    client: McpClient,
  ) {
    this.client = client;
    this.containerPath = client === 'vscode-settings' ? ['mcp'] : [];
    const deep = nestingDepthExceeds(text, MAX_DEPTH);
    if (deep !== undefined) {
      this.unread = `nested more than ${MAX_DEPTH} levels deep`;
      this.root = undefined;
      return;
    }
    this.root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    const container = this.containerPath.length > 0 ? findNode(this.root, this.containerPath) : this.root;
    if (!container || container.type !== 'object') return;
    // VS Code names them `servers`; the other clients `mcpServers`. A file may be either.
    for (const key of ['servers', 'mcpServers']) {
      const servers = propertyValue(container, key);
      if (!servers || servers.type !== 'object') continue;
      for (const property of servers.children ?? []) {
        const nameNode = property.children?.[0];
        const node = property.children?.[1];
        if (!nameNode || !node || node.type !== 'object' || typeof nameNode.value !== 'string') continue;
        const argsNode = propertyValue(node, 'args');
        const server: McpServer = {
          name: nameNode.value,
          nameSpan: { start: nameNode.offset, end: nameNode.offset + nameNode.length },
          node,
          args: argsNode?.type === 'array' ? (argsNode.children ?? []).map(stringToken) : [],
          env: stringEntries(propertyValue(node, 'env')),
          headers: stringEntries(propertyValue(node, 'headers')),
          path: [...this.containerPath, key, nameNode.value],
        };
        const command = stringToken(propertyValue(node, 'command'));
        if (command) server.command = command;
        const url = stringToken(
          propertyValue(node, 'url') ?? propertyValue(node, 'serverUrl') ?? propertyValue(node, 'httpUrl'),
        );
        if (url) server.url = url;
        this.servers.push(server);
      }
    }
  }

  /** The node at `path` below the root, if any. */
  nodeAt(path: ReadonlyArray<string | number>): Node | undefined {
    return findNode(this.root, path);
  }

  /** The `inputs` array of the servers' container (VS Code), if the file has one. */
  get inputs(): Node | undefined {
    const node = this.nodeAt([...this.containerPath, 'inputs']);
    return node?.type === 'array' ? node : undefined;
  }

  /** The ids of the declared inputs (VS Code's `${input:id}`). */
  inputIds(): Set<string> {
    const ids = new Set<string>();
    for (const input of this.inputs?.children ?? []) {
      const id = propertyValue(input, 'id');
      if (typeof id?.value === 'string') ids.add(id.value);
    }
    return ids;
  }

  /** The file's comments with the 0-based line each starts on (suppression comments). */
  comments(): Array<Span & { line: number }> {
    const comments: Array<Span & { line: number }> = [];
    const scanner = createScanner(this.text, false);
    // jsonc-parser's SyntaxKind is a const enum (not importable here): EOF 17, comments 12 and 13.
    for (let kind: number = scanner.scan(); kind !== 17; kind = scanner.scan()) {
      if (kind !== 12 && kind !== 13) continue;
      const start = scanner.getTokenOffset();
      comments.push({ start, end: start + scanner.getTokenLength(), line: scanner.getTokenStartLine() });
    }
    return comments;
  }
}

function findNode(root: Node | undefined, path: ReadonlyArray<string | number>): Node | undefined {
  return root ? findNodeAtLocation(root, [...path]) : undefined;
}
