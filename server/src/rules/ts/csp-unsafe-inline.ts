// 'unsafe-inline' in script-src re-enables exactly the injected <script> and onclick= that CSP
// exists to block. The guide's own CSP example has it.
import ts from 'typescript';
import type { DraftFix, Severity } from '../../core/rule';
import { removeListElement } from '../../languages/typescript/edits';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyNameText, skipOuterExpressions } from '../../languages/typescript/values';

const unsafeSources = ["'unsafe-inline'", "'unsafe-eval'"];

/** scriptSrc -> script-src. */
function directiveName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).toLowerCase();
}

function severityFor(directive: string, source: string): Exclude<Severity, 'hint'> {
  if (/^(?:script-src|script-src-elem|script-src-attr|default-src)$/.test(directive)) return 'error';
  if (/^style-src/.test(directive)) return source === "'unsafe-inline'" ? 'info' : 'warning';
  return 'warning';
}

/** With a nonce, a hash or 'strict-dynamic', CSP2+ browsers ignore 'unsafe-inline' (a fallback for old ones). */
function neutralized(sources: readonly string[]): boolean {
  return sources.some((s) => /^'(?:nonce-|sha256-|sha384-|sha512-|strict-dynamic')/.test(s));
}

function message(directive: string, source: string): string {
  return source === "'unsafe-eval'"
    ? `${source} in ${directive} lets injected strings run as code through eval. Remove it.`
    : `${source} in ${directive} lets injected inline ${/^style/.test(directive) ? 'styles' : 'scripts and event handlers'} run, which is what CSP is meant to stop. Use nonces or hashes instead.`;
}

export const cspUnsafeInline: TsRule = {
  id: 'ts/csp-unsafe-inline',
  language: 'typescript',
  meta: {
    title: "'unsafe-inline' or 'unsafe-eval' in a Content Security Policy",
    summary: "`'unsafe-inline'`/`'unsafe-eval'` in a Content Security Policy",
    severity: 'warning',
    guideSection: "Security Headers › Content Security Policy (guide's own example)",
    checklistItem: 'security-headers',
    description:
      "A CSP directive (helmet's contentSecurityPolicy or a Content-Security-Policy header string) allows 'unsafe-inline' or 'unsafe-eval'. In script-src or default-src that re-enables injected <script> blocks, onclick= handlers and eval, the XSS CSP exists to stop. In style-src it is helmet's own default and reported as info. A directive that also has a nonce or hash is not reported: browsers then ignore 'unsafe-inline'.",
    remedy: 'Remove the source; allow the inline code you need with nonces or hashes.',
    fixable: true,
  },
  create(context) {
    const { file } = context;
    const reportString = (literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): void => {
      const text = literal.text;
      if (
        !/'unsafe-(?:inline|eval)'/.test(text) ||
        !/(?:^|;)\s*(?:default|script|style|img|connect|font|object|frame|worker|child|media|manifest)-src(?:-elem|-attr)?\s/.test(
          text,
        )
      )
        return;
      const raw = file.textOf(literal);
      let offset = 0;
      for (const part of text.split(';')) {
        const tokens = part.trim().split(/\s+/);
        const directive = tokens[0]?.toLowerCase() ?? '';
        for (const source of unsafeSources) {
          if (!tokens.includes(source) || neutralized(tokens)) continue;
          const at = raw.indexOf(source, raw.indexOf(part.trim(), offset > 0 ? offset : 0));
          if (at < 0) continue;
          const start = file.start(literal) + at;
          const before = file.text[start - 1] === ' ' ? 1 : 0;
          const fix: DraftFix = {
            title: `Remove ${source} from ${directive}`,
            kind: 'fix',
            edits: [{ start: start - before, end: start + source.length, newText: '' }],
          };
          context.report({
            start,
            end: start + source.length,
            message: message(directive, source),
            severity: severityFor(directive, source),
            fixes: [fix],
          });
        }
        offset += part.length + 1;
      }
    };
    return {
      [ts.SyntaxKind.ArrayLiteralExpression]: (array) => {
        // helmet: directives: { scriptSrc: ["'self'", "'unsafe-inline'"] }
        const property = array.parent;
        if (!ts.isPropertyAssignment(property) || skipOuterExpressions(property.initializer) !== array) return;
        const name = propertyNameText(property.name);
        if (!name || !/src(?:Elem|Attr)?$|-src(?:-elem|-attr)?$/i.test(name)) return;
        const directives = property.parent.parent;
        if (!ts.isPropertyAssignment(directives) || propertyNameText(directives.name) !== 'directives') return;
        const sources = array.elements.map((e) => (ts.isStringLiteralLike(e) ? e.text : ''));
        if (neutralized(sources)) return;
        const directive = directiveName(name);
        for (const element of array.elements) {
          if (!ts.isStringLiteralLike(element) || !unsafeSources.includes(element.text)) continue;
          context.report({
            start: file.start(element),
            end: element.end,
            message: message(directive, element.text),
            severity: severityFor(directive, element.text),
            fixes: [
              {
                title: `Remove ${element.text} from ${directive}`,
                kind: 'fix',
                edits: [removeListElement(file, array.elements, element)],
              },
            ],
          });
        }
      },
      [ts.SyntaxKind.StringLiteral]: (literal) => reportString(literal),
      [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: (literal) => reportString(literal),
    };
  },
};
