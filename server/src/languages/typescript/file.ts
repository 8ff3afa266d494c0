// One parsed TypeScript/JavaScript file and the lazily built facts every rule shares about it:
// scopes, module bindings, quote style. Built once per analysis; rules never re-parse.
import ts from 'typescript';

export type Declaration =
  | ts.VariableDeclaration
  | ts.ParameterDeclaration
  | ts.BindingElement
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.ImportClause
  | ts.NamespaceImport
  | ts.ImportSpecifier
  | ts.ImportEqualsDeclaration
  | ts.EnumDeclaration;

/** The node type of the kinds nodesOfKind is asked for. */
type NodeOfKind<K extends ts.SyntaxKind> = K extends ts.SyntaxKind.CallExpression
  ? ts.CallExpression
  : K extends ts.SyntaxKind.BinaryExpression
    ? ts.BinaryExpression
    : ts.Node;

export function scriptKindForPath(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export class TsFile {
  readonly sourceFile: ts.SourceFile;
  readonly isJavaScript: boolean;
  private readonly scopeCache = new Map<ts.Node, Map<string, Declaration>>();
  /** Rules resolve the same identifiers over and over (every rule looks at every call's callee). */
  private readonly resolved = new Map<ts.Identifier, Declaration | null>();
  private readonly lookups = new Map<ts.Node, Map<string, Declaration | null>>();
  private quoteCache: string | undefined;
  /** Facts rules share about this parse (module bindings, call index, web apps); they die with the analysis. */
  private readonly shared = new Map<string, unknown>();
  private eolCache: string | undefined;
  private nodeList: ts.Node[] | undefined;
  private kindLists: ts.Node[][] = [];

  constructor(
    readonly text: string,
    readonly path: string,
    previous?: ts.SourceFile,
  ) {
    const kind = scriptKindForPath(path);
    this.sourceFile = previous
      ? reparse(previous, text)
      : ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
    this.isJavaScript = kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX;
  }

  /**
   * A value computed once per analysis of this file. Kept on the file, not in a global WeakMap
   * keyed by the tree: incremental reparses reuse nodes, and global caches of them kept every
   * earlier tree alive (the soak test's heap-after-GC check caught it).
   */
  cached<T>(key: string, create: (file: TsFile) => T): T {
    // Hot paths pass a module-level `create` (no closure allocated per question).
    const known = this.shared.get(key);
    if (known !== undefined || this.shared.has(key)) return known as T;
    const value = create(this);
    this.shared.set(key, value);
    return value;
  }

  /**
   * Every node of the tree (those ts.forEachChild reaches: no tokens, no JSDoc) in pre-order,
   * listed by one walk the first time a helper needs "all the calls of the file" (web apps,
   * mounted middleware, listen ports, taint call sites): those helpers walked the tree once
   * each. A walk is bound by memory, not by work (~135 ns a node, whatever it does there), so
   * the same walk also sorts the nodes by kind.
   */
  get nodes(): readonly ts.Node[] {
    if (!this.nodeList) {
      const list: ts.Node[] = [];
      const byKind: ts.Node[][] = [];
      const add = (node: ts.Node): void => {
        list.push(node);
        (byKind[node.kind] ??= []).push(node);
        ts.forEachChild(node, add);
      };
      add(this.sourceFile);
      this.nodeList = list;
      this.kindLists = byKind;
    }
    return this.nodeList;
  }

  /** The nodes of one kind, in pre-order. */
  nodesOfKind<K extends ts.SyntaxKind>(kind: K): readonly NodeOfKind<K>[] {
    if (!this.nodeList) void this.nodes;
    return (this.kindLists[kind] ?? []) as NodeOfKind<K>[];
  }

  start(node: ts.Node): number {
    return node.getStart(this.sourceFile);
  }

  textOf(node: ts.Node): string {
    return this.text.slice(node.getStart(this.sourceFile), node.end);
  }

  get eol(): string {
    if (this.eolCache === undefined) {
      const at = this.text.search(/\r\n|\n/);
      this.eolCache = at >= 0 && this.text[at] === '\r' ? '\r\n' : '\n';
    }
    return this.eolCache;
  }

  /** The quote character most string literals in the file use (single when undecided). */
  get quote(): string {
    if (this.quoteCache === undefined) {
      let single = 0;
      let double = 0;
      const count = (node: ts.Node): void => {
        if (single + double >= 20) return;
        if (ts.isStringLiteral(node) && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
          if (this.text[node.getStart(this.sourceFile)] === '"') double++;
          else single++;
        }
        ts.forEachChild(node, count);
      };
      ts.forEachChild(this.sourceFile, count);
      if (single + double === 0) {
        for (const statement of this.sourceFile.statements) {
          if (ts.isImportDeclaration(statement)) {
            if (this.text[statement.moduleSpecifier.getStart(this.sourceFile)] === '"') double++;
            else single++;
          }
        }
      }
      this.quoteCache = double > single ? '"' : "'";
    }
    return this.quoteCache;
  }

  /** A string literal in the file's quote style. */
  quoted(value: string): string {
    const q = this.quote;
    const escaped = value
      .replace(/\\/g, '\\\\')
      .replaceAll(q, '\\' + q)
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r');
    return q + escaped + q;
  }

  /**
   * The innermost token at `offset` and whether `offset` lies in the trivia (white space and
   * comments) before that token rather than in the token itself.
   */
  tokenAt(offset: number): { token: ts.Node; inTrivia: boolean } {
    let node: ts.Node = this.sourceFile;
    for (;;) {
      let next: ts.Node | undefined;
      for (const child of node.getChildren(this.sourceFile)) {
        if (child.pos <= offset && offset < child.end) {
          next = child;
          break;
        }
      }
      if (!next) {
        return { token: node, inTrivia: offset < this.cachedStart(node) };
      }
      if (offset < this.cachedStart(next)) return { token: next, inTrivia: true };
      node = next;
    }
  }

  /** Where nodes start after their leading trivia, as tokenAt found them. */
  private readonly starts = new WeakMap<ts.Node, number>();

  /**
   * A node's start, kept: finding it scans the node's leading trivia, and the end-of-file token
   * of a file that ends in an unclosed comment has the whole file as trivia. Asked again for each
   * of 20,000 credentials in such a comment, that was quadratic (36 s for 400 KB).
   */
  private cachedStart(node: ts.Node): number {
    let start = this.starts.get(node);
    if (start === undefined) this.starts.set(node, (start = node.getStart(this.sourceFile)));
    return start;
  }

  /**
   * The innermost node (tokens aside) whose span, leading trivia included, holds `offset`. Lists
   * of children are searched by halving, so a lookup costs the depth, not the file's size.
   */
  nodeAt(offset: number): ts.Node {
    let node: ts.Node = this.sourceFile;
    for (;;) {
      const next = ts.forEachChild(
        node,
        (child) => (child.pos <= offset && offset < child.end ? child : undefined),
        (children) => {
          let low = 0;
          let high = children.length - 1;
          while (low <= high) {
            const middle = (low + high) >> 1;
            const child = children[middle];
            if (offset < child.pos) high = middle - 1;
            else if (offset >= child.end) low = middle + 1;
            else return child;
          }
          return undefined;
        },
      );
      if (!next) return node;
      node = next;
    }
  }

  /** Whether `offset` is inside a comment (the caller knows it is not white space). */
  isInComment(offset: number): boolean {
    if (offset >= this.sourceFile.end) return false;
    const { token, inTrivia } = this.tokenAt(offset);
    if (inTrivia) return true;
    // JSDoc comments are attached as nodes; their text is comment text too.
    for (let n: ts.Node | undefined = token; n; n = n.parent) {
      if (ts.isJSDoc(n)) return true;
    }
    return false;
  }

  /** Resolves an identifier to its declaration in this file, honouring block and function scopes. */
  resolve(identifier: ts.Identifier): Declaration | undefined {
    const known = this.resolved.get(identifier);
    if (known !== undefined) return known ?? undefined;
    const scope = enclosingScope(identifier.parent);
    const found = scope ? this.lookup(scope, identifier.text) : null;
    this.resolved.set(identifier, found);
    return found ?? undefined;
  }

  /**
   * The declaration `name` refers to inside `scope`. Answers are kept per scope and name, so the
   * identifiers of one function body share one walk up the scope chain.
   */
  private lookup(scope: ts.Node, name: string): Declaration | null {
    const visited: Array<Map<string, Declaration | null>> = [];
    let found: Declaration | null = null;
    for (let current: ts.Node | undefined = scope; current; current = enclosingScope(current.parent)) {
      let answers = this.lookups.get(current);
      if (!answers) this.lookups.set(current, (answers = new Map()));
      const known = answers.get(name);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(answers);
      const declaration = this.declarationsOf(current).get(name);
      if (declaration) {
        found = declaration;
        break;
      }
    }
    for (const answers of visited) answers.set(name, found);
    return found;
  }

  private declarationsOf(scope: ts.Node): Map<string, Declaration> {
    let declarations = this.scopeCache.get(scope);
    if (declarations) return declarations;
    declarations = new Map();
    collectScopeDeclarations(scope, declarations);
    this.scopeCache.set(scope, declarations);
    return declarations;
  }
}

/**
 * Incremental reparse (as tsserver does on every keystroke): the changed span is the text
 * between the longest common prefix and suffix of the old and new text.
 */
function reparse(previous: ts.SourceFile, text: string): ts.SourceFile {
  const old = previous.text;
  const start = commonPrefixLength(old, text);
  const suffix = commonSuffixLength(old, text, Math.min(old.length, text.length) - start);
  const change = ts.createTextChangeRange(
    ts.createTextSpanFromBounds(start, old.length - suffix),
    text.length - suffix - start,
  );
  return ts.updateSourceFile(previous, text, change);
}

/**
 * Compares in shrinking blocks (4,096, 512, 64, 8 characters, then one at a time): the engine's
 * string comparison of a block is a memory compare, where a loop over characters costs ~1.5 ms
 * on a 200 KB file (and more on the concatenated strings edited documents are).
 */
function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let length = 0;
  for (let block = 4096; block >= 1; block >>= 3) {
    while (length + block <= limit && a.substring(length, length + block) === b.substring(length, length + block))
      length += block;
  }
  return length;
}

/** The length of the longest common suffix of `a` and `b`, at most `limit`. */
function commonSuffixLength(a: string, b: string, limit: number): number {
  let length = 0;
  for (let block = 4096; block >= 1; block >>= 3) {
    while (
      length + block <= limit &&
      a.substring(a.length - length - block, a.length - length) ===
        b.substring(b.length - length - block, b.length - length)
    )
      length += block;
  }
  return length;
}

/** Whether nodes of a kind open a scope, by kind (the answer depends on the kind alone). */
const scopeByKind: Array<boolean | undefined> = [];

function createsScope(node: ts.Node): boolean {
  return (scopeByKind[node.kind] ??= opensScope(node));
}

/** `node` if it opens a scope, else its nearest ancestor that does. */
function enclosingScope(node: ts.Node | undefined): ts.Node | undefined {
  let current = node;
  while (current && !createsScope(current)) current = current.parent;
  return current;
}

function opensScope(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    ts.isBlock(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isCatchClause(node) ||
    ts.isFunctionLike(node) ||
    ts.isForStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isClassLike(node)
  );
}

function addBindingNames(name: ts.BindingName, declaration: Declaration, into: Map<string, Declaration>): void {
  if (ts.isIdentifier(name)) {
    if (!into.has(name.text)) into.set(name.text, declaration);
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) addBindingNames(element.name, element, into);
  }
}

function addStatementDeclarations(statement: ts.Statement, into: Map<string, Declaration>): void {
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations)
      addBindingNames(declaration.name, declaration, into);
  } else if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
    statement.name
  ) {
    if (!into.has(statement.name.text)) into.set(statement.name.text, statement);
  } else if (ts.isImportDeclaration(statement) && statement.importClause) {
    const clause = statement.importClause;
    if (clause.name) into.set(clause.name.text, clause);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) into.set(bindings.name.text, bindings);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const specifier of bindings.elements) into.set(specifier.name.text, specifier);
    }
  } else if (ts.isImportEqualsDeclaration(statement)) {
    into.set(statement.name.text, statement);
  } else if (ts.isLabeledStatement(statement)) {
    addStatementDeclarations(statement.statement, into);
  }
}

function collectScopeDeclarations(scope: ts.Node, into: Map<string, Declaration>): void {
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
    for (const statement of scope.statements) addStatementDeclarations(statement, into);
  } else if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses)
      for (const statement of clause.statements) addStatementDeclarations(statement, into);
  } else if (ts.isCatchClause(scope)) {
    if (scope.variableDeclaration) addBindingNames(scope.variableDeclaration.name, scope.variableDeclaration, into);
  } else if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) addBindingNames(parameter.name, parameter, into);
    if (
      (ts.isFunctionExpression(scope) || ts.isFunctionDeclaration(scope)) &&
      scope.name &&
      !into.has(scope.name.text)
    ) {
      into.set(scope.name.text, scope as ts.FunctionDeclaration);
    }
  } else if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
    const initializer = scope.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) {
      for (const declaration of initializer.declarations) addBindingNames(declaration.name, declaration, into);
    }
  }
}
