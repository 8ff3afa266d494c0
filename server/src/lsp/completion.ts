// Completion of nginx directive names, with the directive's reference resolved on demand.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { directiveDocs, directiveEntries } from '../languages/nginx/directives';
import { nginxCompletions } from '../languages/nginx/features';
import type { ServerContext } from './context';
import type { Diagnostics } from './diagnostics';

export function registerCompletion(ctx: ServerContext, diagnostics: Diagnostics): void {
  ctx.connection.onCompletion((params: CompletionParams): CompletionItem[] => {
    const document = ctx.documents.get(params.textDocument.uri);
    if (!document || diagnostics.languageOf(document) !== 'nginx') return [];
    const offset = document.offsetAt(params.position);
    const { items, start } = nginxCompletions(document.getText(), offset);
    const range = { start: document.positionAt(start), end: params.position };
    return items.map((item) => ({
      label: item.name,
      kind: item.isBlock ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: item.module,
      textEdit: { range, newText: item.name },
      data: { nginxDirective: item.name },
    }));
  });

  ctx.connection.onCompletionResolve((item: CompletionItem): CompletionItem => {
    const name = (item.data as { nginxDirective?: string } | undefined)?.nginxDirective;
    if (name) {
      const entries = directiveEntries(name);
      if (entries.length > 0) item.documentation = { kind: MarkupKind.Markdown, value: directiveDocs(entries) };
    }
    return item;
  });
}
