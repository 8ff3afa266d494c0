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
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/config';
import { combineFixes, linesToAppend } from '../core/edits';
import type { Fix, TextEdit } from '../core/rule';
import { IGNORE_NEXT_LINE } from '../core/suppressions';
import { LineIndex } from '../core/text';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../protocol';
import type { ServerContext } from './context';
import type { DiagnosticData, Diagnostics } from './diagnostics';
import type { Projects } from './projects';
import { isInside, joinUri, parentUri, resolveUri } from './uris';

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
        if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
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
        actions.push(ignoreLineAction(diagnostics, document, diagnostic));
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
}

function toLspEdit(edit: TextEdit): LspTextEdit {
  return { range: edit.range, newText: edit.newText };
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
  if (!isInside(targetUri, ctx.folderOf(document.uri) ?? parentUri(document.uri))) return { documentChanges: [own] };
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

function ignoreLineAction(diagnostics: Diagnostics, document: TextDocument, diagnostic: Diagnostic): CodeAction {
  const ruleId = String(diagnostic.code);
  const lines = new LineIndex(document.getText());
  const line = diagnostic.range.start.line;
  const indentation = lines.indentation(line);
  const previous = line > 0 ? lines.lineText(line - 1) : '';
  const existing = new RegExp(`^(\\s*(?://|#)\\s*${IGNORE_NEXT_LINE}\\s+)([^\\n]*?)(\\s+--.*)?$`).exec(previous);
  let edit: LspTextEdit;
  if (existing && !existing[2].split(/[\s,]+/).includes(ruleId)) {
    const at = existing[1].length + existing[2].length;
    edit = LspTextEdit.insert({ line: line - 1, character: at }, `, ${ruleId}`);
  } else {
    edit = LspTextEdit.insert(
      { line, character: 0 },
      `${indentation}${commentPrefix(diagnostics, document)} ${IGNORE_NEXT_LINE} ${ruleId}${lines.eol}`,
    );
  }
  return {
    title: `Ignore ${ruleId} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [edit] } },
  };
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
