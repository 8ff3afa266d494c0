// Code actions: a finding's fixes (quick fixes), "ignore on this line", "disable for this
// project", and fix-all (the safe fixes of the document's current analysis).
import { modify } from 'jsonc-parser';
import {
  CodeActionKind,
  CreateFile,
  LSPErrorCodes,
  OptionalVersionedTextDocumentIdentifier,
  ResponseError,
  TextDocumentEdit,
  TextEdit as LspTextEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type SnippetTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/config';
import { combineFixes, linesToAppend } from '../core/edits';
import type { Fix, TextEdit } from '../core/rule';
import { IGNORE_NEXT_LINE } from '../core/suppressions';
import { LineIndex } from '../core/text';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from '../protocol';
import { ruleById } from '../rules';
import type { ServerContext } from './context';
import { isRepairData, type DiagnosticData, type Diagnostics } from './diagnostics';
import type { Projects } from './projects';
import { isInside, joinUri, parentUri, resolveUri, uriPath } from './uris';

export function registerCodeActions(ctx: ServerContext, projects: Projects, diagnostics: Diagnostics): void {
  ctx.connection.onCodeAction(async (params: CodeActionParams, token): Promise<CodeAction[]> => {
    const document = ctx.documents.get(params.textDocument.uri);
    if (!document) return [];
    const cancelled = (): boolean => token.isCancellationRequested;
    const only = params.context.only;
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind) || kind === CodeActionKind.Source) ?? false;
    const wantsQuickFixes = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    const actions: CodeAction[] = [];
    const disableActions = new Map<string, Promise<CodeAction | undefined>>();
    if (wantsQuickFixes) {
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        // A suppression comment or configuration entry to repair. The edit is the server's own,
        // found again from the document's current text: what the client sends back is only a key.
        const repair: unknown = diagnostic.data;
        if (isRepairData(repair)) {
          const fix =
            repair.version === document.version ? diagnostics.repairFor(document, repair, diagnostic) : undefined;
          if (fix)
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: true,
              edit: {
                documentChanges: [
                  TextDocumentEdit.create(
                    OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version),
                    fix.edits.map(toLspEdit),
                  ),
                ],
              },
            });
          continue;
        }
        // Only a finding of a registered rule, at a place of this document, gets actions: a
        // forged code (a newline, a path) never reaches a comment or the configuration file.
        if (
          typeof diagnostic.code !== 'string' ||
          !ruleById(diagnostic.code) ||
          !withinDocument(document, diagnostic.range)
        )
          continue;
        const data = diagnostic.data as DiagnosticData | undefined;
        // Only a diagnostic of this version shows where its fixes apply; an older one's edits would land elsewhere.
        if (data && data.version === document.version) {
          for (const [index, fix] of (await diagnostics.fixesFor(document, diagnostic)).entries()) {
            const edit = await fixToWorkspaceEdit(ctx, projects, document, fix);
            if (!edit) continue;
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: index === 0,
              edit,
            });
          }
        }
        // Then what the rule is about: before any way of silencing it, and never preferred.
        const docs = showDocumentationAction(ctx, diagnostic);
        if (docs) actions.push(docs);
        // A comment would break a file its client reads as strict JSON: there, only "disable".
        if (!strictJson(diagnostics, document)) actions.push(ignoreLineAction(ctx, diagnostics, document, diagnostic));
        // One "disable for this project" per rule, however many of its diagnostics are in range.
        const firstForRule = !disableActions.has(diagnostic.code);
        if (firstForRule)
          disableActions.set(diagnostic.code, disableRuleAction(ctx, projects, document, diagnostic.code));
        const disable = await disableActions.get(diagnostic.code);
        if (disable && firstForRule) actions.push(disable);
        if (cancelled())
          throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The code action request was cancelled.');
      }
    }
    if (wantsFixAll || (!only && actions.length > 0)) {
      const fixAll = await fixAllAction(diagnostics, document);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  ctx.connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_DOCUMENTATION_COMMAND) return null;
    const [argument] = params.arguments ?? [];
    const ruleId =
      typeof argument === 'object' && argument !== null && 'ruleId' in argument ? argument.ruleId : undefined;
    // Only a registered rule's page, from the server's own address: never a URI the request carried.
    const rule = typeof ruleId === 'string' ? ruleById(ruleId) : undefined;
    if (!rule) return null;
    const uri = ctx.docsHref(rule);
    if (ctx.client.showDocument) {
      try {
        await ctx.connection.window.showDocument({ uri, external: !uri.startsWith('file:'), takeFocus: true });
        return null;
      } catch (error) {
        ctx.refused('window/showDocument', error, 'the page address is shown in a message');
      }
    }
    void ctx.connection.window.showInformationMessage(`Documentation of ${rule.id}: ${uri}`);
    return null;
  });
}

/** "Show documentation for <rule>": a command (no edit) the client runs, or the server with showDocument. */
function showDocumentationAction(ctx: ServerContext, diagnostic: Diagnostic): CodeAction | undefined {
  const rule = ruleById(String(diagnostic.code));
  if (!rule) return undefined;
  const title = `Show documentation for ${rule.id}`;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [{ ruleId: rule.id, uri: ctx.docsHref(rule) }] },
  };
}

/** Whether a range (as a client sent it) lies inside the document's text, start before end. */
function withinDocument(document: TextDocument, range: Range): boolean {
  const valid = (p: { line: unknown; character: unknown }): boolean =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    (p.line as number) >= 0 &&
    (p.character as number) >= 0 &&
    (p.line as number) < document.lineCount;
  if (!valid(range.start) || !valid(range.end)) return false;
  return (
    range.start.line < range.end.line ||
    (range.start.line === range.end.line && range.start.character <= range.end.character)
  );
}

function toLspEdit(edit: TextEdit): LspTextEdit {
  return { range: edit.range, newText: edit.newText };
}

/**
 * Whether the document is an MCP client configuration its client reads as plain JSON (Claude
 * Desktop, Claude Code, Gemini CLI); VS Code's and Cursor's (under .vscode/, .cursor/) are JSONC.
 */
function strictJson(diagnostics: Diagnostics, document: TextDocument): boolean {
  return diagnostics.languageOf(document) === 'mcp-config' && !/\/\.(?:vscode|cursor)\/[^/]+$/.test(document.uri);
}

/** How the document's language (as analyzed, else as detected) starts a line comment. */
function commentPrefix(diagnostics: Diagnostics, document: TextDocument): string {
  const language = diagnostics.languageOf(document);
  return language === 'dockerfile' || language === 'nginx' ? '#' : '//';
}

async function fixToWorkspaceEdit(
  ctx: ServerContext,
  projects: Projects,
  document: TextDocument,
  fix: Fix,
): Promise<WorkspaceEdit | undefined> {
  const own = TextDocumentEdit.create(
    OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version),
    fix.edits.map(toLspEdit),
  );
  const append = fix.appendToFile;
  if (!append) return { documentChanges: [own] };
  const base =
    append.relativeTo === 'file'
      ? parentUri(document.uri)
      : ((await projects.rootFor(document.uri)) ?? parentUri(document.uri));
  // `..` folded, and never a file outside the document's workspace folder (or its own folder).
  const targetUri = resolveUri(base, append.path);
  // A file the fix cannot safely write (a link, or a place outside the workspace) is not read
  // either, and the fix is not offered: without its other half it would mislead.
  if (!(await editableTarget(ctx, targetUri, ctx.folderOf(document.uri) ?? parentUri(document.uri)))) return undefined;
  const existing = await ctx.readText(targetUri);
  const missing = linesToAppend(existing, append);
  if (missing.length === 0) return { documentChanges: [own] };
  if (existing === undefined) {
    if (!ctx.client.createFile) return undefined;
    const created = TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(targetUri, null), [
      LspTextEdit.insert({ line: 0, character: 0 }, missing.join('\n') + '\n'),
    ]);
    return { documentChanges: [own, CreateFile.create(targetUri, { ignoreIfExists: true }), created] };
  }
  const lines = new LineIndex(existing);
  const end = lines.positionAt(existing.length);
  const prefix = existing.length > 0 && !/\r?\n$/.test(existing) ? lines.eol : '';
  const appended = TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(targetUri, null), [
    LspTextEdit.insert(end, prefix + missing.join(lines.eol) + lines.eol),
  ]);
  return { documentChanges: [own, appended] };
}

/**
 * Whether an edit may write `target` (a file beside the document: .dockerignore, .gitignore,
 * .blah-security.json): it lies inside `folder`, and it is not a symbolic link, nor inside a
 * folder that leads elsewhere. A repository's `.dockerignore -> ~/.bashrc` must not turn a quick
 * fix into a write to the user's shell profile.
 */
export async function editableTarget(ctx: ServerContext, target: string, folder: string): Promise<boolean> {
  if (!isInside(target, folder)) return false;
  const parent = parentUri(target);
  const name = uriPath(target).slice(uriPath(parent).length + 1);
  const realUri = ctx.host.realUri?.bind(ctx.host);
  if (realUri) {
    const [realFolder, realParent, realTarget] = await Promise.all([realUri(folder), realUri(parent), realUri(target)]);
    if (realFolder === undefined || realParent === undefined || !isInside(realParent, realFolder)) return false;
    // Where the file exists it must be itself, not a link to another (a missing one is created).
    return realTarget === undefined || uriPath(realTarget) === `${uriPath(realParent)}/${name}`;
  }
  // Without link resolution (a browser), the folder's listing says whether the name is a link.
  if (!ctx.host.readDirectory) return true;
  try {
    const entry = (await ctx.host.readDirectory(parent)).find((e) => e.name === name);
    return entry === undefined || entry.type === 'file';
  } catch {
    return false;
  }
}

/** The placeholder of an ignore comment's reason, selected for typing where the client can. */
export const REASON_PLACEHOLDER = 'reason';

/** Text as a snippet's literal part (`$`, `}` and `\\` escaped). */
function snippetLiteral(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/**
 * "Ignore <id> on this line": a `blah-security-ignore-next-line <id> -- reason` comment above the
 * line (or the id added to the one there). The reason makes the suppression auditable: clients
 * with snippet edits get it as a selected placeholder, others as the word `reason` to replace.
 */
function ignoreLineAction(
  ctx: ServerContext,
  diagnostics: Diagnostics,
  document: TextDocument,
  diagnostic: Diagnostic,
): CodeAction {
  const ruleId = String(diagnostic.code);
  const lines = new LineIndex(document.getText());
  const line = diagnostic.range.start.line;
  const indentation = lines.indentation(line);
  const previous = line > 0 ? lines.lineText(line - 1) : '';
  const existing = new RegExp(`^(\\s*(?://|#)\\s*${IGNORE_NEXT_LINE}\\s+)([^\\n]*?)(\\s+--.*)?$`).exec(previous);
  let range: Range;
  let before: string;
  let after = '';
  let reason = true;
  if (existing && !existing[2].split(/[\s,]+/).includes(ruleId)) {
    const at = existing[1].length + existing[2].length;
    range = { start: { line: line - 1, character: at }, end: { line: line - 1, character: at } };
    before = `, ${ruleId}`;
    // A comment with a reason keeps it; one without gets the placeholder.
    if (existing[3]) reason = false;
  } else {
    range = { start: { line, character: 0 }, end: { line, character: 0 } };
    before = `${indentation}${commentPrefix(diagnostics, document)} ${IGNORE_NEXT_LINE} ${ruleId}`;
    after = lines.eol;
  }
  const title = `Ignore ${ruleId} on this line`;
  const base = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if (reason && ctx.client.snippetEdits) {
    const snippet: SnippetTextEdit = {
      range,
      snippet: {
        kind: 'snippet',
        value: `${snippetLiteral(before)} -- \${1:${REASON_PLACEHOLDER}}${snippetLiteral(after)}`,
      },
    };
    const identifier = OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version);
    return { ...base, edit: { documentChanges: [TextDocumentEdit.create(identifier, [snippet])] } };
  }
  const text = reason ? `${before} -- ${REASON_PLACEHOLDER}${after}` : before + after;
  return { ...base, edit: { changes: { [document.uri]: [LspTextEdit.insert(range.start, text)] } } };
}

async function disableRuleAction(
  ctx: ServerContext,
  projects: Projects,
  document: TextDocument,
  ruleId: string,
): Promise<CodeAction | undefined> {
  const root = await projects.rootFor(document.uri);
  if (!root) return undefined;
  const configUri = joinUri(root, CONFIG_FILE_NAME);
  if (!(await editableTarget(ctx, configUri, ctx.folderOf(document.uri) ?? root))) return undefined;
  const existing = await ctx.readText(configUri);
  const formatting = { insertSpaces: true, tabSize: 2, eol: '\n' };
  const title = `Disable ${ruleId} for this project`;
  if (existing === undefined) {
    if (!ctx.client.createFile) return undefined;
    const content = JSON.stringify({ rules: { [ruleId]: 'off' } }, null, 2) + '\n';
    return {
      title,
      kind: CodeActionKind.QuickFix,
      edit: {
        documentChanges: [
          CreateFile.create(configUri, { ignoreIfExists: true }),
          TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(configUri, null), [
            LspTextEdit.insert({ line: 0, character: 0 }, content),
          ]),
        ],
      },
    };
  }
  let jsonEdits;
  try {
    jsonEdits = modify(existing, ['rules', ruleId], 'off', { formattingOptions: formatting });
  } catch {
    return undefined; // a config file too broken to edit safely
  }
  if (jsonEdits.length === 0) return undefined;
  const lines = new LineIndex(existing);
  const edits = jsonEdits.map((e) => LspTextEdit.replace(lines.rangeOf(e.offset, e.offset + e.length), e.content));
  return { title, kind: CodeActionKind.QuickFix, edit: { changes: { [configUri]: edits } } };
}

async function fixAllAction(diagnostics: Diagnostics, document: TextDocument): Promise<CodeAction | undefined> {
  const result = await diagnostics.withFixes(document);
  if (!result) return undefined;
  const safeFixes = result.findings
    .map((f) => f.fixes.find((fix) => fix.kind === 'fix'))
    .filter((fix): fix is Fix => fix !== undefined);
  if (safeFixes.length === 0) return undefined;
  const edits = combineFixes(safeFixes);
  return {
    title: 'Fix all safely fixable BLAH Security problems',
    kind: FIX_ALL_KIND,
    edit: {
      documentChanges: [
        TextDocumentEdit.create(
          OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version),
          edits.map(toLspEdit),
        ),
      ],
    },
  };
}
