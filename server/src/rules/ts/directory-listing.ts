// Directory listings and served dotfiles show attackers what is on the server: backups, .env,
// .git.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { removeListElement } from '../../languages/typescript/edits';
import type { TsFile } from '../../languages/typescript/file';
import { bindingOfIdentifier, isModuleMember } from '../../languages/typescript/modules';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';
import { objectProperty, skipOuterExpressions, staticString } from '../../languages/typescript/values';

/** The calls below: `express.static` (under any name) and names reaching serve-index or serve-static. */
const listingCalls: CallFilter = {
  names: new Set(['static']),
  reaching: { key: 'servedFolders', modules: ['express', 'serve-index', 'serve-static'] },
};

function isServeIndex(file: TsFile, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isIdentifier(callee)) return false;
  const binding = bindingOfIdentifier(file, callee);
  return binding?.module === 'serve-index';
}

function isStaticMiddleware(file: TsFile, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (isModuleMember(file, callee, ['express'], ['static'])) return true;
  if (ts.isIdentifier(callee)) return bindingOfIdentifier(file, callee)?.module === 'serve-static';
  return false;
}

/** Removes `serveIndex(…)` from `app.use(…)`: the whole statement when it is the only middleware. */
function removeMiddleware(file: TsFile, call: ts.CallExpression): DraftFix | undefined {
  const use = call.parent;
  if (!ts.isCallExpression(use) || !ts.isPropertyAccessExpression(use.expression) || use.expression.name.text !== 'use')
    return undefined;
  const middleware = use.arguments.filter((a) => !ts.isStringLiteralLike(a));
  if (middleware.length > 1)
    return {
      title: 'Remove the directory listing middleware',
      kind: 'fix',
      edits: [removeListElement(file, use.arguments, call)],
    };
  const statement = use.parent;
  if (!ts.isExpressionStatement(statement)) return undefined;
  const start = file.start(statement);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  if (!/^[ \t]*$/.test(file.text.slice(lineStart, start))) return undefined;
  const after = /^[ \t]*\r?\n/.exec(file.text.slice(statement.end));
  return {
    title: 'Remove the directory listing middleware',
    kind: 'fix',
    edits: [{ start: lineStart, end: statement.end + (after ? after[0].length : 0), newText: '' }],
  };
}

export const directoryListing: TsRule = {
  id: 'ts/directory-listing',
  language: 'typescript',
  meta: {
    title: 'Directory listing or dotfiles served',
    summary: "`serve-index`, or static files with `dotfiles: 'allow'`",
    severity: 'warning',
    guideSection: 'Access Controls',
    checklistItem: 'access-controls',
    description:
      "serve-index lists every file in a folder, and express.static/serve-static with `dotfiles: 'allow'` serves .env, .git and .htpasswd. Either hands an attacker a map of the server and often its secrets.",
    remedy: "Remove the listing middleware; leave dotfiles at 'ignore' (the default) or 'deny'.",
    fixable: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: listingCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        if (isServeIndex(file, call)) {
          const fix = removeMiddleware(file, call);
          context.report({
            start: file.start(call),
            end: call.end,
            message: "serve-index lists the folder's files to anyone who asks. Remove it.",
            fixes: fix ? [fix] : [],
          });
          return;
        }
        if (!isStaticMiddleware(file, call) || call.arguments.length < 2) return;
        const property = objectProperty(call.arguments[1], 'dotfiles');
        if (!property || !ts.isPropertyAssignment(property) || staticString(file, property.initializer) !== 'allow')
          return;
        const q = file.quote;
        context.report({
          start: file.start(property),
          end: property.end,
          message: "dotfiles: 'allow' serves .env, .git and other hidden files from this folder. Use 'ignore'.",
          fixes: [
            {
              title: "Use dotfiles: 'ignore'",
              kind: 'fix',
              edits: [
                { start: file.start(property.initializer), end: property.initializer.end, newText: `${q}ignore${q}` },
              ],
            },
          ],
        });
      },
    };
  },
};
